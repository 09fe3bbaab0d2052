/**
 * A payment into a market board's account that named no stall waits in the board's review queue;
 * the market's manager (or an admin) assigns it as a stall's monthly fee: one transaction, counted
 * once however often (or concurrently) it is assigned, and the arrears list follows.
 */
import { recentMonths } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { channels, deliver, ids, paymentItem, phones, txId } from './support.ts';

let api: TestApi;
const tokens: Record<string, string> = {};
const feeChannel = {
  id: 'ch-payos-m1',
  provider: 'payos' as const,
  bin: '970436',
  accountNumber: '0011000999001',
};
const [thisMonth, lastMonth] = recentMonths(new Date()) as [string, string];
const manager1 = seedId('manager', 1);

beforeAll(async () => {
  api = await startTestApi();
  tokens.manager1 = await api.tokenFor({ userId: manager1 });
  tokens.manager2 = await api.tokenFor({ userId: seedId('manager', 2) });
  tokens.admin = await api.tokenFor({ userId: seedId('admin', 1) });
  tokens.vendorOfStall = await api.tokenFor({ phone: phones.vendor1 });
  tokens.otherVendor = await api.tokenFor({ phone: phones.vendor3 });
  tokens.farmer = await api.tokenFor({ phone: '+84912000001' });
  tokens.buyer = await api.tokenFor({ phone: phones.buyer });
});
afterAll(async () => {
  await api?.stop();
});

/** A fee payment with no fee code in the memo: queued under the board account's owner. */
async function queuedFeePayment(amountVnd: number) {
  const transactionId = txId('feeq');
  const delivered = await deliver(api, feeChannel, { transactionId, amountVnd, memo: 'nop tien phi cho' });
  expect(delivered.json).toMatchObject({ outcome: 'review' });
  const queue = await api.request('GET', `/vendors/${manager1}/review-queue`, { token: tokens.manager1! });
  const item = queue.json.items.find(
    (entry: { payment: { providerTransactionId: string } }) =>
      entry.payment.providerTransactionId === transactionId,
  );
  expect(item).toBeDefined();
  return { reviewId: item.id as string, transactionId };
}

const assign = (reviewId: string, body: unknown, token: string) =>
  api.request('POST', `/review-queue/${reviewId}/assign-fee`, { token, body });

const feeLine = async (month: string, stallId: string) => {
  const fees = await api.request('GET', `/markets/${ids.market1}/fees?month=${month}`, {
    token: tokens.manager1!,
  });
  return {
    line: fees.json.lines.find((entry: { stallId: string }) => entry.stallId === stallId),
    arrears: fees.json.arrears.map((entry: { stallId: string }) => entry.stallId) as string[],
  };
};

describe('assigning a queued board payment as a stall fee', () => {
  it('only the market’s manager (or an admin) may; vendors, farmers, buyers and other managers may not', async () => {
    const { reviewId } = await queuedFeePayment(300_000);
    const body = { stallId: ids.stallTdA01, month: thisMonth };
    for (const who of ['vendorOfStall', 'otherVendor', 'farmer', 'buyer', 'manager2'] as const) {
      const response = await assign(reviewId, body, tokens[who]!);
      expect(response.status, who).toBe(403);
    }
    expect((await api.request('POST', `/review-queue/${reviewId}/assign-fee`, { body })).status).toBe(401);
    // Nothing moved: the item is still queued and the stall still owes.
    expect((await feeLine(thisMonth, ids.stallTdA01)).line).toMatchObject({ paidVnd: 0, owedVnd: 300_000 });

    const assigned = await assign(reviewId, body, tokens.manager1!);
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json).toMatchObject({
      stallId: ids.stallTdA01,
      month: thisMonth,
      paidVnd: 300_000,
      owedVnd: 0,
    });
  });

  it('writes queue, fee, ledger and payment together; assigning again is a 409 and counts nothing twice', async () => {
    const { reviewId, transactionId } = await queuedFeePayment(100_000);
    const body = { stallId: ids.stallTdA02, month: lastMonth };
    const before = await feeLine(lastMonth, ids.stallTdA02);
    expect(before.arrears).toContain(ids.stallTdA02);

    expect((await assign(reviewId, body, tokens.admin!)).status).toBe(200);
    const again = await assign(reviewId, body, tokens.manager1!);
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('already_assigned');
    expect(
      (await assign(reviewId, { stallId: ids.stallTdB01, month: lastMonth }, tokens.manager1!)).status,
    ).toBe(409);

    const after = await feeLine(lastMonth, ids.stallTdA02);
    expect(after.line).toMatchObject({ paidVnd: 100_000, owedVnd: 200_000 });
    expect(after.arrears).toContain(ids.stallTdA02); // part-paid still owes

    const store = marketsStore(api.db);
    const ledger = await store.feeLedgerOfStall(ids.stallTdA02, lastMonth);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      amountVnd: 100_000,
      via: 'review',
      reviewId,
      assignedBy: seedId('admin', 1),
    });
    expect(ledger.reduce((sum, entry) => sum + entry.amountVnd, 0)).toBe(after.line.paidVnd);
    expect(await store.getReview(reviewId)).toMatchObject({
      status: 'assigned',
      assignedStallId: ids.stallTdA02,
      assignedFeeMonth: lastMonth,
    });
    expect((await store.listOpenReviewsOfVendor(manager1)).map((item) => item.id)).not.toContain(reviewId);
    expect((await paymentItem(api.db, feeChannel, transactionId))?.attribution).toMatchObject({
      kind: 'fee',
      stallId: ids.stallTdA02,
      month: lastMonth,
      via: 'review',
    });
  });

  it('ten concurrent assignments of one payment: one succeeds, nine get 409, the fee rises once', async () => {
    const { reviewId } = await queuedFeePayment(50_000);
    const body = { stallId: ids.stallTdB01, month: thisMonth };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => assign(reviewId, body, tokens.manager1!)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect((await feeLine(thisMonth, ids.stallTdB01)).line).toMatchObject({ paidVnd: 50_000 });
    expect(await marketsStore(api.db).feeLedgerOfStall(ids.stallTdB01, thisMonth)).toHaveLength(1);
  });

  it('refuses a stall of another market (404), a month out of range or malformed (400, field-level)', async () => {
    const { reviewId } = await queuedFeePayment(300_000);
    const otherMarketStall = await assign(
      reviewId,
      { stallId: ids.stallHdC01, month: thisMonth },
      tokens.manager1!,
    );
    expect(otherMarketStall.status).toBe(404);
    const tooOld = await assign(reviewId, { stallId: ids.stallTdA01, month: '2001-01' }, tokens.manager1!);
    expect(tooOld.status).toBe(400);
    expect(tooOld.json.error.fields[0]).toMatchObject({ path: 'body.month' });
    const malformed = await assign(reviewId, { stallId: ids.stallTdA01, month: '2026-13' }, tokens.manager1!);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.fields.map((field: { path: string }) => field.path)).toContain('body.month');
    expect(
      (await assign('nope', { stallId: ids.stallTdA01, month: thisMonth }, tokens.manager1!)).status,
    ).toBe(404);
  });

  it("a payment into a vendor's own account never becomes a fee", async () => {
    const transactionId = txId('vendorq');
    await deliver(api, channels.vendor2, { transactionId, amountVnd: 40_000, memo: 'tien rau' });
    const item = (await marketsStore(api.db).listOpenReviewsOfVendor(ids.vendor2)).find(
      (entry) => entry.payment.providerTransactionId === transactionId,
    )!;
    const body = { stallId: ids.stallTdA02, month: thisMonth };
    expect((await assign(item.id, body, tokens.manager1!)).status).toBe(403);
    const byAdmin = await assign(item.id, body, tokens.admin!);
    expect(byAdmin.status).toBe(422);
    expect(byAdmin.json.error.code).toBe('not_a_fee_payment');
  });
});

describe('live-till tickets', () => {
  it('only a vendor gets a one-time ticket', async () => {
    const issued = await api.request('POST', '/vendor/till-tickets', { token: tokens.vendorOfStall! });
    expect(issued.status).toBe(201);
    expect(issued.json.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    for (const who of ['manager1', 'farmer', 'buyer', 'admin'] as const) {
      expect((await api.request('POST', '/vendor/till-tickets', { token: tokens[who]! })).status, who).toBe(
        403,
      );
    }
    expect((await api.request('POST', '/vendor/till-tickets')).status).toBe(401);
  });

  it('a ticket opens one connection, once, bound to the vendor’s stalls; a spent ticket opens nothing', async () => {
    const { openTillConnection } = await import('@chophien/core');
    const issued = await api.request('POST', '/vendor/till-tickets', { token: tokens.vendorOfStall! });
    const store = marketsStore(api.db);
    const deps = { store, clock: { now: () => new Date() } };
    const opened = await openTillConnection(deps, { connectionId: 'it-conn-1', ticket: issued.json.ticket });
    expect(opened).toMatchObject({ vendorId: ids.vendor1, stallIds: [ids.stallTdA01] });
    expect((await store.tillConnectionsOfVendor(ids.vendor1)).map((c) => c.connectionId)).toContain(
      'it-conn-1',
    );
    await expect(
      openTillConnection(deps, { connectionId: 'it-conn-2', ticket: issued.json.ticket }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    const late = await api.request('POST', '/vendor/till-tickets', { token: tokens.vendorOfStall! });
    const inTwoMinutes = { store, clock: { now: () => new Date(Date.now() + 120_000) } };
    await expect(
      openTillConnection(inTwoMinutes, { connectionId: 'it-conn-3', ticket: late.json.ticket }),
    ).rejects.toMatchObject({ kind: 'unauthenticated' });
    await store.deleteTillConnection('it-conn-1');
    expect(await store.tillConnectionsOfVendor(ids.vendor1)).toEqual([]);
  });
});
