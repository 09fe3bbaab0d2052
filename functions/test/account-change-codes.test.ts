import { describe, expect, it, vi } from 'vitest';
import { smsAccountChangeCodes } from '../markets/account-change-codes.ts';

const profile = { id: 'f1', phone: '+84912000002', roles: ['farmer'] } as never;

describe('account-change codes by SMS', () => {
  it('texts the code to the phone on the owner’s profile, in Vietnamese then English', async () => {
    const send = vi.fn(async () => undefined);
    await smsAccountChangeCodes({ get: async (id) => (id === 'f1' ? profile : undefined) }, { send }).send(
      'f1',
      '042917',
    );
    expect(send).toHaveBeenCalledWith({ to: '+84912000002', text: expect.stringContaining('042917') });
    expect(send.mock.calls[0]).toBeDefined();
    const [{ text }] = send.mock.calls[0] as unknown as [{ text: string }];
    expect(text).toMatch(/^Chợ Phiên: mã xác nhận .* Account change code 042917/);
  });

  it('fails (nothing sent) when the owner has no profile', async () => {
    const send = vi.fn(async () => undefined);
    await expect(
      smsAccountChangeCodes({ get: async () => undefined }, { send }).send('x', '000000'),
    ).rejects.toThrow(/no profile/);
    expect(send).not.toHaveBeenCalled();
  });
});
