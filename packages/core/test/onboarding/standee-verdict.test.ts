import { buildVietQR } from '@chophien/vietqr';
import { stallPayload } from '@chophien/vietqr/standee';
import { describe, expect, it } from 'vitest';
import { isMismatch, standeeVerdict } from '../../src/index.ts';

const stall = { code: 'TD-A01' };
const account = { bin: '970415', accountNumber: '100870001234' };
const standee = stallPayload({ ...account, stallCode: 'TD-A01' });

describe('what a scanned standee pays (offline)', () => {
  it('the stall’s own standee: its confirmed account and its code', () => {
    expect(standeeVerdict(standee, stall, account)).toEqual({
      verdict: 'ok',
      found: { bank: 'VietinBank', account: '••••1234', memo: 'TD-A01' },
    });
  });

  it('a sticker pasted over it pays another account, whatever memo it copies', () => {
    const sticker = stallPayload({ bin: '970436', accountNumber: '0011009998877', stallCode: 'TD-A01' });
    const result = standeeVerdict(sticker, stall, account);
    expect(result.verdict).toBe('wrong_account');
    expect(result.found).toMatchObject({ bank: 'Vietcombank', account: '••••8877' });
    // Same account number at another bank is another account.
    expect(
      standeeVerdict(stallPayload({ ...account, bin: '970436', stallCode: 'TD-A01' }), stall, account)
        .verdict,
    ).toBe('wrong_account');
  });

  it('the right account with another stall’s code, or with no code at all', () => {
    expect(standeeVerdict(stallPayload({ ...account, stallCode: 'TD-B01' }), stall, account).verdict).toBe(
      'wrong_stall',
    );
    expect(standeeVerdict(buildVietQR({ ...account }), stall, account).verdict).toBe('not_platform');
  });

  it('a stall without a confirmed account, and text that is not a VietQR', () => {
    expect(standeeVerdict(standee, stall, undefined).verdict).toBe('no_account');
    expect(standeeVerdict('https://example.com/pay', stall, account).verdict).toBe('unreadable');
    // A VietQR whose checksum was altered (a hand-edited payload) is not read as one.
    expect(standeeVerdict(`${standee.slice(0, -4)}0000`, stall, account).verdict).toBe('unreadable');
  });

  it('only “ok” needs no action', () => {
    expect(isMismatch('ok')).toBe(false);
    for (const verdict of [
      'wrong_account',
      'wrong_stall',
      'not_platform',
      'no_account',
      'unreadable',
    ] as const)
      expect(isMismatch(verdict)).toBe(true);
  });
});
