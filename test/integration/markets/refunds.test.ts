/**
 * Refund cases end to end on DynamoDB Local (decision 0706): opened by an overpaid order, a payment
 * to a closed order, a farmer cancelling a paid order and an owner rejecting unmatched money; seen by
 * whom they concern; closed by the owner's confirmation or by an outgoing transfer naming them.
 * The authorization matrix of every refund route: owner, stranger, each role, the same role elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { CUSTARD_APPLE, phones as marketplacePhones, TEA } from '../marketplace/fixtures.ts';
import { channels, deliver, ids, payoutChannels, phones, placeOrder, txId } from './support.ts';

let api: TestApi;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  api = await startTestApi();
  tokens.farmer1 = await api.tokenFor({ phone: marketplacePhones.farmer1 });
  tokens.farmer2 = await api.tokenFor({ phone: marketplacePhones.farmer2 });
  tokens.buyer = await api.tokenFor({ phone: marketplacePhones.buyer });
  tokens.vendor1 = await api.tokenFor({ phone: phones.vendor1 });
  tokens.vendor2 = await api.tokenFor({ phone: phones.vendor2 });
  tokens.manager1 = await api.tokenFor({ userId: seedId('manager', 1) });
  tokens.manager2 = await api.tokenFor({ userId: seedId('manager', 2) });
  tokens.admin = await api.tokenFor({ userId: seedId('admin', 1) });
  tokens.officer = await api.tokenFor({ userId: seedId('officer', 1) });
});
afterAll(async () => {
  await api?.stop();
});

const farmer1Channel = payoutChannels.farmer1;
const farmer2Channel = payoutChannels.farmer2;
/** Who paid, as payOS's counter-account fields say (Vietcombank BIN: a refund VietQR can be built). */
const payer = { name: 'TRAN MINH ANH', accountNumber: '0071000123456', bankId: '970436' };

const order = (productId: string, packId: string) => placeOrder(api, tokens.buyer!, { productId, packId });

const get = (path: string, who: string) => api.request('GET', path, { token: tokens[who]! });
const post = (path: string, who: string, body: unknown = {}) =>
  api.request('POST', path, { token: tokens[who]!, body });

describe('an overpaid order opens a refund case with a refund VietQR to the payer', () => {
  let refundId: string;
  let code: string;
  it('the surplus becomes a case the farmer sees, with the payer and a QR; the buyer sees its state only', async () => {
    const placed = await order(TEA, '100-g-pack');
    const paid = await deliver(api, farmer1Channel, {
      amountVnd: placed.totalVnd + 5_000,
      memo: placed.code,
      payer,
    });
    expect(paid.json).toMatchObject({ outcome: 'order', kind: 'overpaid' });
    const list = await get('/refunds', 'farmer1');
    expect(list.status).toBe(200);
    const found = list.json.refunds.find((entry: { orderId: string }) => entry.orderId === placed.id);
    expect(found).toMatchObject({ amountVnd: 5_000, reason: 'order_overpaid', status: 'open', payer });
    refundId = found.id;
    code = found.code;
    expect(code).toMatch(/^HT[0-9A-Z]{6}$/);

    const owner = await get(`/refunds/${refundId}`, 'farmer1');
    expect(owner.status).toBe(200);
    expect(owner.json.viewer).toBe('owner');
    expect(owner.json.vietqr).toContain(payer.accountNumber);
    expect(owner.json.vietqr).toContain(code);

    const buyer = await get(`/refunds/${refundId}`, 'buyer');
    expect(buyer.status).toBe(200);
    expect(buyer.json).toEqual({
      viewer: 'buyer',
      refund: expect.objectContaining({ code, amountVnd: 5_000, status: 'open' }),
    });
    expect(JSON.stringify(buyer.json)).not.toContain(farmer1Channel.accountNumber);
  });

  it('reading: a stranger farmer, a vendor and managers get 404; an admin sees it', async () => {
    for (const who of ['farmer2', 'vendor1', 'manager1', 'manager2']) {
      expect((await get(`/refunds/${refundId}`, who)).status, who).toBe(404);
    }
    expect((await get(`/refunds/${refundId}`, 'admin')).json.viewer).toBe('admin');
    const adminList = await get('/refunds?status=open', 'admin');
    expect(adminList.json.refunds.map((entry: { id: string }) => entry.id)).toContain(refundId);
    const strangerList = await get('/refunds', 'farmer2');
    expect(strangerList.json.refunds.map((entry: { id: string }) => entry.id)).not.toContain(refundId);
    expect((await get('/refunds', 'buyer')).status).toBe(403);
  });

  it('closing: only the owner, with a valid bank reference; everyone else is refused; once only', async () => {
    const path = `/refunds/${refundId}/confirm`;
    const body = { bankReference: 'FT26341000123' };
    expect((await post(path, 'buyer', body)).status).toBe(403);
    expect((await post(path, 'admin', body)).status).toBe(403);
    expect((await post(path, 'officer', body)).status).toBe(403);
    for (const who of ['farmer2', 'vendor1', 'manager1'])
      expect((await post(path, who, body)).status, who).toBe(404);
    const bad = await post(path, 'farmer1', { bankReference: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0]).toMatchObject({ path: 'body.bankReference' });
    expect(bad.json.error.fields[0].messages.vi).toContain('Mã giao dịch');
    const closed = await post(path, 'farmer1', body);
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({
      status: 'refunded',
      closedVia: 'owner_confirmed',
      bankReference: body.bankReference,
    });
    expect(closed.json.history.map((step: { action: string }) => step.action)).toEqual([
      'opened',
      'refunded',
    ]);
    expect((await post(path, 'farmer1', body)).status).toBe(409);
    expect((await get(`/refunds/${refundId}`, 'buyer')).json.refund.status).toBe('refunded');
  });
});

describe('other ways money becomes a refund case', () => {
  it('money for a cancelled order, and a farmer cancelling a paid order, each open a case', async () => {
    const cancelled = await order(TEA, '100-g-pack');
    expect((await post(`/orders/${cancelled.id}/status`, 'buyer', { status: 'cancelled' })).status).toBe(200);
    const late = await deliver(api, farmer1Channel, { amountVnd: cancelled.totalVnd, memo: cancelled.code });
    expect(late.json).toMatchObject({ outcome: 'order', kind: 'not_payable' });

    const paid = await order(TEA, '100-g-pack');
    await deliver(api, farmer1Channel, { amountVnd: paid.totalVnd, memo: paid.code, payer });
    // The buyer cannot cancel a paid order; the farmer who cannot fulfil it can.
    expect((await post(`/orders/${paid.id}/status`, 'buyer', { status: 'cancelled' })).status).toBe(422);
    expect((await post(`/orders/${paid.id}/status`, 'farmer2', { status: 'cancelled' })).status).toBe(404);
    expect((await post(`/orders/${paid.id}/status`, 'farmer1', { status: 'cancelled' })).status).toBe(200);

    const cases = (await get('/refunds', 'farmer1')).json.refunds as Array<Record<string, unknown>>;
    expect(cases.find((entry) => entry.orderId === cancelled.id)).toMatchObject({
      reason: 'order_closed',
      amountVnd: cancelled.totalVnd,
    });
    expect(cases.find((entry) => entry.orderId === paid.id)).toMatchObject({
      reason: 'order_cancelled',
      amountVnd: paid.totalVnd,
      payer,
    });
  });

  it('an outgoing transfer naming the case, from the case’s own account, closes it (SePay reports those)', async () => {
    const placed = await order(CUSTARD_APPLE, '1-kg-box');
    await deliver(api, farmer2Channel, { amountVnd: placed.totalVnd + 7_000, memo: placed.code });
    const refund = (
      (await get('/refunds', 'farmer2')).json.refunds as Array<{ id: string; code: string; orderId: string }>
    ).find((entry) => entry.orderId === placed.id)!;
    // Too little, or from another account: the case stays open.
    const short = await deliver(api, farmer2Channel, {
      amountVnd: 6_000,
      memo: `hoan tien ${refund.code}`,
      direction: 'out',
    });
    expect(short.json).toMatchObject({ outcome: 'ignored', reason: 'refund_short' });
    const elsewhere = await deliver(api, channels.vendor1, {
      amountVnd: 7_000,
      memo: `hoan tien ${refund.code}`,
      direction: 'out',
    });
    expect(elsewhere.json).toMatchObject({ outcome: 'ignored', reason: 'refund_other_account' });
    const transactionId = txId('refund-out');
    const sent = await deliver(api, farmer2Channel, {
      transactionId,
      amountVnd: 7_000,
      memo: `MBVCB.1.HOAN TIEN ${refund.code.toLowerCase()}.CT`,
      direction: 'out',
    });
    expect(sent.json).toMatchObject({ outcome: 'refund_closed', refundId: refund.id });
    const after = (await get(`/refunds/${refund.id}`, 'farmer2')).json.refund;
    expect(after).toMatchObject({
      status: 'refunded',
      closedVia: 'outgoing_transfer',
      closedBy: 'bank:sepay',
    });
    const again = await deliver(api, farmer2Channel, {
      transactionId,
      amountVnd: 7_000,
      memo: refund.code,
      direction: 'out',
    });
    expect(again.json.outcome).toBe('duplicate');
  });
});

describe('the owner rejects unmatched money (review queue → refund case)', () => {
  let reviewId: string;
  beforeAll(async () => {
    const transactionId = txId('reject');
    const queued = await deliver(api, channels.vendor2, {
      transactionId,
      amountVnd: 66_000,
      memo: 'nham tai khoan',
      payer,
    });
    expect(queued.json.outcome).toBe('review');
    reviewId = queued.json.reviewId;
  });

  it('only the account’s owner may reject it: stranger vendor, other manager 404; its manager 403; buyer, admin 403', async () => {
    const path = `/review-queue/${reviewId}/refund`;
    expect((await post(path, 'vendor1')).status).toBe(404);
    expect((await post(path, 'manager2')).status).toBe(404);
    expect((await post(path, 'manager1')).status).toBe(403);
    expect((await post(path, 'buyer')).status).toBe(403);
    expect((await post(path, 'admin')).status).toBe(403);
    expect((await post(path, 'officer')).status).toBe(403);
    expect((await post(path, 'farmer1')).status).toBe(404);
    const rejected = await post(path, 'vendor2');
    expect(rejected.status).toBe(201);
    expect(rejected.json).toMatchObject({
      reason: 'rejected_by_owner',
      amountVnd: 66_000,
      ownerId: ids.vendor2,
      marketId: seedId('market', 1),
      status: 'open',
    });
    expect((await post(path, 'vendor2')).status).toBe(409);
    // The item left the queue; the market's manager sees the case, another manager does not.
    const queue = await get(`/vendors/${ids.vendor2}/review-queue`, 'vendor2');
    expect(queue.json.items.map((item: { id: string }) => item.id)).not.toContain(reviewId);
    const managerList = await get('/refunds', 'manager1');
    expect(managerList.json.refunds.map((entry: { id: string }) => entry.id)).toContain(rejected.json.id);
    expect((await get(`/refunds/${rejected.json.id}`, 'manager1')).json.viewer).toBe('manager');
    expect((await get(`/refunds/${rejected.json.id}`, 'manager2')).status).toBe(404);
    expect(
      (await post(`/refunds/${rejected.json.id}/confirm`, 'manager1', { bankReference: 'FT1234567' })).status,
    ).toBe(403);
  });
});

describe('a farmer’s unmatched money is theirs to see and send back', () => {
  it('a transfer into a payout account without an order code waits in the farmer’s own queue; the farmer rejects it', async () => {
    const queued = await deliver(api, farmer1Channel, { amountVnd: 12_000, memo: 'tien hang thang truoc' });
    expect(queued.json).toMatchObject({ outcome: 'review', reason: 'no_stall' });
    const farmerId = seedId('farmer', 1);
    expect((await get(`/vendors/${farmerId}/review-queue`, 'farmer2')).status).toBe(403);
    const queue = await get(`/vendors/${farmerId}/review-queue`, 'farmer1');
    expect(queue.status).toBe(200);
    expect(queue.json.items.map((item: { id: string }) => item.id)).toContain(queued.json.reviewId);
    expect((await post(`/review-queue/${queued.json.reviewId}/refund`, 'farmer2')).status).toBe(404);
    const rejected = await post(`/review-queue/${queued.json.reviewId}/refund`, 'farmer1');
    expect(rejected.status).toBe(201);
    expect(rejected.json).toMatchObject({
      ownerId: farmerId,
      amountVnd: 12_000,
      reason: 'rejected_by_owner',
    });
  });
});
