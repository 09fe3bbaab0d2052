import { describe, expect, it, vi } from 'vitest';
import type { IncomingPayment } from '../../src/markets/bank-notifications.ts';
import { pollMissedPayments } from '../../src/markets/missed-payments.ts';
import type { Channel, Stall } from '../../src/markets/model.ts';
import type { MarketsStore } from '../../src/markets/ports.ts';
import { NOTIFICATION_METRIC } from '../../src/markets/receive-payment.ts';
import { inMemoryMetrics } from '../../src/observability/metrics.ts';

const channel = (id: string, accountNumber: string): Channel => ({
  id,
  provider: 'sepay',
  vendorId: `v-${id}`,
  accountId: `a-${id}`,
  bin: '970415',
  accountNumber,
});
const good = channel('ok', '100870001234');
const broken = channel('broken', '200000000001');
const stall: Stall = {
  id: 's1',
  marketId: 'm1',
  code: 'TD-A01',
  zone: 'A',
  number: 'A01',
  vendorId: 'v-ok',
  vendorName: 'x',
  goods: 'chè',
  accountId: 'a-ok',
};
const listed = (id: string, accountNumber = good.accountNumber): IncomingPayment => ({
  provider: 'sepay',
  providerTransactionId: id,
  amountVnd: 10_000,
  memo: '',
  receivedAt: '2026-12-07T02:00:00.000Z',
  receivingAccount: { accountNumber },
});

describe('pollMissedPayments', () => {
  it('credits what the provider lists, skips what is recorded, refuses other accounts, survives a failing channel', async () => {
    const recordCredit = vi.fn().mockResolvedValueOnce('recorded').mockResolvedValueOnce('duplicate');
    const store = {
      listChannels: async () => [broken, good],
      listStallsOfVendor: async () => [stall],
      listOpenSalesOfVendor: async () => [],
      recordCredit,
    } as unknown as MarketsStore;
    const metrics = inMemoryMetrics();
    const report = await pollMissedPayments({
      store,
      clock: { now: () => new Date('2026-12-07T03:00:00.000Z') },
      newId: () => 'id',
      metrics,
      transactions: {
        recentIncoming: async (polled) => {
          if (polled.id === 'broken') throw new Error('HTTP 401');
          return [listed('T1'), listed('T2'), listed('T3', '999999999')];
        },
      },
    });
    expect(report).toEqual({
      channels: 2,
      seen: 3,
      outcomes: { credited: 1, duplicate: 1, rejected: 1 },
      failedChannels: ['broken'],
    });
    expect(metrics.total(NOTIFICATION_METRIC, { source: 'poll', outcome: 'credited' })).toBe(1);
    // Duplicates are the poll's normal case: summarised, not counted one by one.
    expect(metrics.total(NOTIFICATION_METRIC, { source: 'poll', outcome: 'duplicate' })).toBe(0);
  });
});
