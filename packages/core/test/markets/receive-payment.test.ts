import { describe, expect, it, vi } from 'vitest';
import { buildSePayNotification } from '../../src/markets/bank-notifications.ts';
import type { Channel, Stall } from '../../src/markets/model.ts';
import type { MarketsStore } from '../../src/markets/ports.ts';
import { NOTIFICATION_METRIC, receiveBankNotification } from '../../src/markets/receive-payment.ts';
import { inMemoryMetrics } from '../../src/observability/metrics.ts';

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
    secrets: {
      secretFor: async () => SECRET,
      apiTokenFor: async () => undefined,
      create: async () => undefined,
    },
    clock: { now: () => new Date() },
    securityLog: { warn: vi.fn() },
    outcomeLog: { info: vi.fn() },
    metrics: inMemoryMetrics(),
    newId: () => 'id1',
    ...(orderPayments ? { orderPayments } : {}),
  };
}

const delivery = (memo: string, accountNumber = channel.accountNumber, amountVnd = 120_000) => {
  const { body, headers } = buildSePayNotification(SECRET, {
    transactionId: 'T1',
    amountVnd,
    memo,
    accountNumber,
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

  it('a notification signed by this channel naming another account is refused, logged and counted, never credited', async () => {
    const store = fakeStore();
    const orderPayments = vi.fn(async () => ({ kind: 'paid' as const, orderId: 'o1' }));
    const d = deps(store, orderPayments);
    const result = await receiveBankNotification(d, delivery('CPAB3K7Q', '999888777666'));
    expect(result).toEqual({ outcome: 'rejected', reason: 'account_not_on_channel' });
    expect(orderPayments).not.toHaveBeenCalled();
    expect(store.recordCredit).not.toHaveBeenCalled();
    expect(d.securityLog.warn).toHaveBeenCalledWith('bank notification refused', {
      provider: 'sepay',
      channel: 'ch',
      reason: 'account_not_on_channel',
    });
    expect(
      d.metrics.total(NOTIFICATION_METRIC, { outcome: 'rejected', reason: 'account_not_on_channel' }),
    ).toBe(1);
  });

  it('hands the marketplace the channel’s own account (bin included), not the body’s', async () => {
    const orderPayments = vi.fn(async () => ({ kind: 'paid' as const, orderId: 'o1' }));
    await receiveBankNotification(deps(fakeStore(), orderPayments), delivery('CPAB3K7Q'));
    expect(orderPayments).toHaveBeenCalledWith(
      expect.objectContaining({
        channelId: 'ch',
        receivingAccount: { bin: channel.bin, accountNumber: channel.accountNumber },
      }),
    );
  });

  it('a store that keeps losing races answers busy (503 + Retry-After), counted as busy', async () => {
    const recordCredit = vi.fn(async () => 'contention' as const);
    const d = deps(fakeStore({ recordCredit }));
    await expect(receiveBankNotification(d, delivery('TD-A01'))).rejects.toMatchObject({
      kind: 'unavailable',
      details: { retryAfterSeconds: 5 },
    });
    expect(d.metrics.total(NOTIFICATION_METRIC, { outcome: 'busy' })).toBe(1);
  });

  it('every outcome is one structured log line and one metric', async () => {
    const d = deps(fakeStore());
    await receiveBankNotification(d, delivery('TD-A01'));
    expect(d.outcomeLog.info).toHaveBeenCalledTimes(1);
    expect(d.outcomeLog.info).toHaveBeenCalledWith('bank notification', {
      provider: 'sepay',
      channel: 'ch',
      source: 'webhook',
      outcome: 'credited',
      transactionId: 'T1',
    });
    expect(d.metrics.total(NOTIFICATION_METRIC)).toBe(1);
  });

  it('a transfer below an open sale leaves it underpaid and says what is missing', async () => {
    const sale = {
      id: 'x',
      code: 'BH7K3M9Q',
      stallId: 's1',
      marketId: 'm1',
      vendorId: 'v1',
      amountVnd: 200_000,
      status: 'open' as const,
      createdAt: '2026-11-23T02:00:00.000Z',
      receivedVnd: 0,
    };
    const recordCredit = vi.fn(async () => 'recorded' as const);
    const d = deps(
      fakeStore({ recordCredit, listOpenSalesOfVendor: async () => [sale], getSale: async () => sale }),
    );
    const result = await receiveBankNotification(d, delivery('BH7K3M9Q', channel.accountNumber, 200));
    expect(result).toMatchObject({
      outcome: 'credited',
      saleCode: 'BH7K3M9Q',
      sale: { status: 'underpaid', shortfallVnd: 199_800, surplusVnd: 0 },
    });
    expect(recordCredit).toHaveBeenCalledWith(
      expect.objectContaining({
        sale: { code: 'BH7K3M9Q', receivedBefore: 0, receivedAfter: 200, settled: false },
        entry: expect.objectContaining({ saleAmountVnd: 200_000, saleReceivedVnd: 200 }),
      }),
    );
    expect(d.metrics.total(NOTIFICATION_METRIC, { outcome: 'underpaid' })).toBe(1);
  });
});
