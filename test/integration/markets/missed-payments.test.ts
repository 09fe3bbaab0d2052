/**
 * The webhook was down (decision 0707): the bank booked the transfer, no notification arrived. The
 * scheduled poll asks the provider's transaction API (the bank simulator serves SePay's locally) and
 * credits what was missed through the same idempotent path; a later webhook retry is a duplicate.
 */
import { localMetrics, NOTIFICATION_METRIC } from '@chophien/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledHandler } from '../../../functions/markets/poll-payments.ts';
import { pay } from '../../../infra/local/src/bank/simulator.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { channelSecret, channels, deliver, ids, ledgerEntriesFor, simulatorContext } from './support.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const context = () => simulatorContext(api);

describe('missed notifications (connected)', () => {
  it('a transfer booked while the webhook was down is credited by the poll, once', async () => {
    const missed = await pay({ to: 'TD-A01', amountVnd: 43_000, deliver: false }, context());
    expect(missed.deliveries).toEqual([]);
    expect(await ledgerEntriesFor(api.db, ids.stallTdA01, 'sepay', missed.transactionId)).toHaveLength(0);

    const pollsBefore = localMetrics.total(NOTIFICATION_METRIC, { source: 'poll', outcome: 'credited' });
    const first = await scheduledHandler();
    expect(first.failedChannels).toEqual([]);
    expect(first.outcomes.credited).toBeGreaterThanOrEqual(1);
    expect(await ledgerEntriesFor(api.db, ids.stallTdA01, 'sepay', missed.transactionId)).toHaveLength(1);
    expect(localMetrics.total(NOTIFICATION_METRIC, { source: 'poll', outcome: 'credited' })).toBeGreaterThan(
      pollsBefore,
    );

    // The next poll and the provider's late retry both find it recorded.
    const second = await scheduledHandler();
    expect(second.outcomes.credited ?? 0).toBe(0);
    expect(second.outcomes.duplicate).toBeGreaterThanOrEqual(1);
    const retry = await deliver(api, channels.vendor1, {
      transactionId: missed.transactionId,
      amountVnd: 43_000,
      memo: 'TD-A01',
    });
    expect(retry.json.outcome).toBe('duplicate');
    expect(await ledgerEntriesFor(api.db, ids.stallTdA01, 'sepay', missed.transactionId)).toHaveLength(1);
  });

  it('the simulator’s transaction API answers only with the channel’s own token and account', async () => {
    const url = `${process.env.SEPAY_API_URL}/userapi/transactions/list?account_number=${channels.vendor1.accountNumber}`;
    expect((await fetch(url)).status).toBe(401);
    const wrongAccount = `${process.env.SEPAY_API_URL}/userapi/transactions/list?account_number=${channels.vendor3.accountNumber}`;
    const withOtherToken = await fetch(wrongAccount, {
      headers: { authorization: `Bearer ${channelSecret(channels.vendor1.id)}` },
    });
    expect(withOtherToken.status).toBe(401);
    const own = await fetch(url, {
      headers: { authorization: `Bearer ${channelSecret(channels.vendor1.id)}` },
    });
    expect(own.status).toBe(200);
    const body = (await own.json()) as { transactions: Array<{ account_number: string }> };
    expect(body.transactions.every((entry) => entry.account_number === channels.vendor1.accountNumber)).toBe(
      true,
    );
  });
});
