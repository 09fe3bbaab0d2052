import { describe, expect, it, vi } from 'vitest';
import { buildSePayNotification } from '../../src/markets/bank-notifications.ts';
import type { Channel, Stall } from '../../src/markets/model.ts';
import type { MarketsStore } from '../../src/markets/ports.ts';
import { receiveBankNotification } from '../../src/markets/receive-payment.ts';

const SECRET = 'unit-secret';
const channel: Channel = {
  id: 'ch',
  provider: 'sepay',
  vendorId: 'v1',
  accountId: 'a1',
  bin: '970415',
  accountNumber: '100870001234',
};
const stall: Stall = {
  id: 's1',
  marketId: 'm1',
  code: 'TD-A01',
  zone: 'A',
  number: 'A01',
  vendorId: 'v1',
  vendorName: 'x',
  goods: 'chè',
  accountId: 'a1',
};

function fakeStore(overrides: Partial<MarketsStore> = {}) {
  return {
    getChannel: async (id: string) => (id === 'ch' ? channel : undefined),
    listStallsOfVendor: async () => [stall],
    listOpenSalesOfVendor: async () => [],
    recordCredit: vi.fn(async () => 'recorded' as const),
    recordReview: vi.fn(async () => 'recorded' as const),
    ...overrides,
  } as unknown as MarketsStore & { recordCredit: ReturnType<typeof vi.fn> };
}

function deps(
  store: MarketsStore,
  orderPayments?: Parameters<typeof receiveBankNotification>[0]['orderPayments'],
) {
  return {
    store,
    secrets: { secretFor: async () => SECRET, create: async () => undefined },
    clock: { now: () => new Date() },
    securityLog: { warn: vi.fn() },
    newId: () => 'id1',
    ...(orderPayments ? { orderPayments } : {}),
  };
}

const delivery = (memo: string) => {
  const { body, headers } = buildSePayNotification(SECRET, {
    transactionId: 'T1',
    amountVnd: 120_000,
    memo,
    accountNumber: channel.accountNumber,
  });
  return {
    provider: 'sepay' as const,
    channelId: 'ch',
    rawBody: body,
    header: (name: string) => headers[name],
  };
};

describe('receiveBankNotification', () => {
  it('hands a memo naming an order to the marketplace with the order code, and credits no stall', async () => {
    const store = fakeStore();
    const orderPayments = vi.fn(async () => ({ kind: 'paid' as const, orderId: 'o1' }));
    const result = await receiveBankNotification(
      deps(store, orderPayments),
      delivery('MBVCB.1.cp ab3k7q.CT'),
    );
    expect(result).toEqual({ outcome: 'order', kind: 'paid', orderId: 'o1' });
    expect(orderPayments).toHaveBeenCalledWith(
      expect.objectContaining({ orderCode: 'CPAB3K7Q', amountVnd: 120_000, providerTransactionId: 'T1' }),
    );
    expect(store.recordCredit).not.toHaveBeenCalled();
  });

  it('an unknown order code falls through to the stall chain', async () => {
    const store = fakeStore();
    const result = await receiveBankNotification(
      deps(store, async () => ({ kind: 'unknown_order' })),
      delivery('CPZZZZZZ'),
    );
    expect(result).toMatchObject({ outcome: 'credited', stallId: 's1' });
  });

  it('a duplicate from the marketplace is a duplicate', async () => {
    const result = await receiveBankNotification(
      deps(fakeStore(), async () => ({ kind: 'duplicate' })),
      delivery('CPAB3K7Q'),
    );
    expect(result).toEqual({ outcome: 'duplicate' });
  });

  it('retries a transaction that lost a race, and reports a duplicate as such', async () => {
    const recordCredit = vi.fn().mockResolvedValueOnce('contention').mockResolvedValueOnce('duplicate');
    const result = await receiveBankNotification(deps(fakeStore({ recordCredit })), delivery('TD-A01'));
    expect(result).toEqual({ outcome: 'duplicate' });
    expect(recordCredit).toHaveBeenCalledTimes(2);
  });

  it('a refused notification logs a security line without the body and throws 401', async () => {
    const d = deps(fakeStore());
    const bad = { ...delivery('x'), rawBody: delivery('x').rawBody.replace('120000', '990000') };
    await expect(receiveBankNotification(d, bad)).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect(d.securityLog.warn).toHaveBeenCalledWith('bank notification refused', {
      provider: 'sepay',
      channel: 'ch',
      reason: 'forged',
    });
  });
});
