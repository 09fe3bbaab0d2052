import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type IncomingOrderPayment, recordOrderPayment, sweepExpiredOrders } from '@chophien/core';
import { orderRepository, paymentKey, refundStore } from '@chophien/db';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { contact, farmer1Account, freshProduct, newBuyerToken, phones, stockOf, TEA } from './fixtures.ts';

let api: TestApi;
let deps: { orders: ReturnType<typeof orderRepository> };
let refunds: ReturnType<typeof refundStore>;
beforeAll(async () => {
  api = await startTestApi();
  deps = { orders: orderRepository(api.db) };
  refunds = refundStore(api.db);
});
afterAll(async () => {
  await api?.stop();
});

/** Each checkout by a buyer of its own: these tests leave many orders unpaid (decision 0903). */
const buyerOf = new Map<string, string>();
async function place(items: Array<{ productId: string; packId: string; quantity: number }>) {
  const token = await newBuyerToken(api);
  const response = await api.request('POST', '/orders', {
    token,
    body: { items, fulfilment: 'pickup', contact },
  });
  expect(response.status).toBe(201);
  for (const order of response.json.orders) buyerOf.set(order.id, token);
  return response.json.orders[0] as { id: string; code: string; totalVnd: number; farmerId: string };
}
const orderTea = (quantity = 1) => place([{ productId: TEA, packId: '100-g-pack', quantity }]);

const payment = (
  code: string,
  amountVnd: number,
  overrides: Partial<IncomingOrderPayment> = {},
): IncomingOrderPayment => ({
  provider: 'sepay',
  providerTransactionId: `tx-${ulid()}`,
  amountVnd,
  memo: `MBVCB.123456 ${code} thanh toan`,
  receivedAt: new Date().toISOString(),
  receivingAccount: farmer1Account,
  orderCode: code,
  ...overrides,
});

const getOrder = async (id: string) =>
  (await api.request('GET', `/orders/${id}`, { token: buyerOf.get(id)! })).json;

describe('payment received (connected)', () => {
  it('the exact amount makes the order paid and writes the payment item', async () => {
    const order = await orderTea(2);
    const incoming = payment(order.code, 90_000);
    expect(await recordOrderPayment(deps, incoming)).toEqual({ kind: 'paid', orderId: order.id });
    const after = await getOrder(order.id);
    expect(after).toMatchObject({ status: 'paid', paidVnd: 90_000, overpaidVnd: 0, remainderVnd: 0 });
    expect(after.vietqr).toBeUndefined();
    expect(after.history.map((h: { status: string }) => h.status)).toEqual(['pending_payment', 'paid']);
    const item = await api.db.doc.send(
      new GetCommand({
        TableName: api.db.tableName,
        Key: paymentKey(incoming),
      }),
    );
    expect(item.Item).toMatchObject({
      orderId: order.id,
      amountVnd: 90_000,
      disposition: 'credited',
      area: 'marketplace',
    });
  });

  it('less than owed is underpaid with the remainder; a second transfer completes it', async () => {
    const order = await orderTea(2);
    expect(await recordOrderPayment(deps, payment(order.code, 50_000))).toEqual({
      kind: 'underpaid',
      orderId: order.id,
      remainderVnd: 40_000,
    });
    const partly = await getOrder(order.id);
    expect(partly).toMatchObject({ status: 'pending_payment', paidVnd: 50_000, remainderVnd: 40_000 });
    expect(partly.vietqr).toContain('540540000'); // 54 = amount, length 05, the remainder
    expect(await recordOrderPayment(deps, payment(order.code, 40_000))).toEqual({
      kind: 'paid',
      orderId: order.id,
    });
  });

  it('more than owed is paid with the overpayment recorded and opened as a refund case', async () => {
    const order = await orderTea(1);
    const outcome = await recordOrderPayment(deps, payment(order.code, 50_000));
    expect(outcome).toEqual({
      kind: 'overpaid',
      orderId: order.id,
      overpaidVnd: 5_000,
      refundId: expect.any(String),
    });
    expect(await getOrder(order.id)).toMatchObject({ status: 'paid', paidVnd: 50_000, overpaidVnd: 5_000 });
    expect(await refunds.getRefund(outcome.refundId!)).toMatchObject({
      orderId: order.id,
      ownerId: order.farmerId,
      amountVnd: 5_000,
      reason: 'order_overpaid',
      status: 'open',
    });
  });

  it('the same bank transaction delivered twice credits once', async () => {
    const order = await orderTea(2);
    const incoming = payment(order.code, 45_000);
    expect((await recordOrderPayment(deps, incoming)).kind).toBe('underpaid');
    expect(await recordOrderPayment(deps, incoming)).toEqual({ kind: 'duplicate' });
    expect((await getOrder(order.id)).paidVnd).toBe(45_000);
  });

  it('50 concurrent deliveries of one transaction credit it exactly once', async () => {
    const order = await orderTea(4);
    const incoming = payment(order.code, 60_000);
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => recordOrderPayment(deps, incoming)));
    expect(outcomes.filter((o) => o.kind === 'underpaid')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(49);
    expect(await getOrder(order.id)).toMatchObject({ paidVnd: 60_000, remainderVnd: 120_000 });
  });

  it('distinct transactions arriving together are all credited, none lost', async () => {
    const order = await orderTea(4); // 180 000
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () => recordOrderPayment(deps, payment(order.code, 30_000))),
    );
    expect(outcomes.filter((o) => o.kind === 'paid')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'underpaid')).toHaveLength(5);
    expect(await getOrder(order.id)).toMatchObject({ status: 'paid', paidVnd: 180_000 });
  });

  it('a code nobody issued is unknown_order and writes nothing', async () => {
    const incoming = payment('CPZZZZZZ', 45_000);
    expect(await recordOrderPayment(deps, incoming)).toEqual({ kind: 'unknown_order' });
    expect(await deps.orders.paymentExists(incoming)).toBe(false);
  });

  it('money that reached another account is wrong_account and credits nothing', async () => {
    const order = await orderTea(1);
    const outcome = await recordOrderPayment(
      deps,
      payment(order.code, 45_000, { receivingAccount: { bin: '970436', accountNumber: '0011001234567' } }),
    );
    expect(outcome).toEqual({ kind: 'wrong_account', orderId: order.id });
    expect((await getOrder(order.id)).paidVnd).toBe(0);
  });

  it('money for a cancelled order is not_payable and recorded as refund due, once', async () => {
    const order = await orderTea(1);
    expect(
      (
        await api.request('POST', `/orders/${order.id}/status`, {
          token: buyerOf.get(order.id)!,
          body: { status: 'cancelled' },
        })
      ).status,
    ).toBe(200);
    const incoming = payment(order.code, 45_000);
    expect(await recordOrderPayment(deps, incoming)).toEqual({
      kind: 'not_payable',
      orderId: order.id,
      refundId: expect.any(String),
    });
    expect(await recordOrderPayment(deps, incoming)).toEqual({ kind: 'duplicate' });
    expect((await getOrder(order.id)).status).toBe('cancelled');
    const cases = await refunds.listRefundsOfOrder(order.id);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ amountVnd: 45_000, reason: 'order_closed', status: 'open' });
  });

  it('accepts the code in any case with spaces, as bank memos deliver it', async () => {
    const order = await orderTea(1);
    const code = `${order.code.slice(0, 2)} ${order.code.slice(2).toLowerCase()}`;
    expect((await recordOrderPayment(deps, payment(code, 45_000))).kind).toBe('paid');
  });
});

describe('expiry (connected)', () => {
  const later = (minutes: number) => ({ now: () => new Date(Date.now() + minutes * 60_000) });

  it('an unpaid order past its payment window expires and its stock returns to the pool', async () => {
    const product = await freshProduct(api.db, 10, [['mot-goi', 1, 30_000]]);
    const order = await place([{ productId: product.id, packId: 'mot-goi', quantity: 4 }]);
    expect(await stockOf(api.db, product.id)).toBe(6);

    await sweepExpiredOrders({ orders: deps.orders, clock: later(5) });
    expect((await getOrder(order.id)).status).toBe('pending_payment');

    const result = await sweepExpiredOrders({ orders: deps.orders, clock: later(31) });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    const expired = await getOrder(order.id);
    expect(expired.status).toBe('expired');
    expect(expired.vietqr).toBeUndefined();
    expect(await stockOf(api.db, product.id)).toBe(10);

    // A second sweep releases nothing twice; a late payment is not credited.
    await sweepExpiredOrders({ orders: deps.orders, clock: later(60) });
    expect(await stockOf(api.db, product.id)).toBe(10);
    expect(
      (
        await recordOrderPayment(
          deps,
          payment(order.code, 120_000, { receivingAccount: { bin: '970436', accountNumber: '1023456003' } }),
        )
      ).kind,
    ).toBe('not_payable');
  });

  it('a paid order is never expired', async () => {
    const paid = await orderTea(1);
    await recordOrderPayment(deps, payment(paid.code, 45_000));
    await sweepExpiredOrders({ orders: deps.orders, clock: later(120) });
    expect((await getOrder(paid.id)).status).toBe('paid');
  });

  /** The refund case an expiry opened for the money an order held (decision 0706). */
  const refundItem = async (orderId: string) =>
    (await refunds.listRefundsOfOrder(orderId)).find((entry) => entry.reason === 'order_expired');

  it('a partly paid order past its window expires: stock back once, what it received recorded as refund due', async () => {
    const product = await freshProduct(api.db, 10, [['mot-goi', 1, 30_000]]);
    const order = await place([{ productId: product.id, packId: 'mot-goi', quantity: 3 }]);
    const farmer3Account = { bin: '970436', accountNumber: '1023456003' };
    expect(
      await recordOrderPayment(deps, payment(order.code, 20_000, { receivingAccount: farmer3Account })),
    ).toMatchObject({ kind: 'underpaid', remainderVnd: 70_000 });
    expect(await stockOf(api.db, product.id)).toBe(7);

    await sweepExpiredOrders({ orders: deps.orders, clock: later(5) });
    expect((await getOrder(order.id)).status).toBe('pending_payment');

    await sweepExpiredOrders({ orders: deps.orders, clock: later(31) });
    const expired = await getOrder(order.id);
    expect(expired).toMatchObject({ status: 'expired', paidVnd: 20_000, refundDueVnd: 20_000 });
    expect(expired.vietqr).toBeUndefined();
    expect(await stockOf(api.db, product.id)).toBe(10);
    expect(await refundItem(order.id)).toMatchObject({
      orderId: order.id,
      amountVnd: 20_000,
      reason: 'order_expired',
      status: 'open',
    });
    // Money still owed to the buyer: the order is kept (no TTL).
    const item = await api.db.doc.send(
      new GetCommand({ TableName: api.db.tableName, Key: { PK: `ORDER#${order.id}`, SK: 'ORDER' } }),
    );
    expect(item.Item?.expiresAt).toBeUndefined();

    // Sweeping again releases nothing twice; a late transfer is refund due, not credited.
    await sweepExpiredOrders({ orders: deps.orders, clock: later(90) });
    expect(await stockOf(api.db, product.id)).toBe(10);
    expect(
      await recordOrderPayment(deps, payment(order.code, 70_000, { receivingAccount: farmer3Account })),
    ).toEqual({ kind: 'not_payable', orderId: order.id, refundId: expect.any(String) });
    expect((await getOrder(order.id)).paidVnd).toBe(20_000);
  });

  it('a payment racing the sweeper: conditional writes pick one winner; stock released at most once, no money lost', async () => {
    const farmer3Account = { bin: '970436', accountNumber: '1023456003' };
    for (let round = 0; round < 6; round += 1) {
      const product = await freshProduct(api.db, 10, [['mot-goi', 1, 30_000]]);
      const order = await place([{ productId: product.id, packId: 'mot-goi', quantity: 2 }]);
      await recordOrderPayment(deps, payment(order.code, 10_000, { receivingAccount: farmer3Account }));
      // The rest of the money lands at the very moment two sweepers run.
      const [outcome] = await Promise.all([
        recordOrderPayment(deps, payment(order.code, 50_000, { receivingAccount: farmer3Account })),
        sweepExpiredOrders({ orders: deps.orders, clock: later(31) }),
        sweepExpiredOrders({ orders: deps.orders, clock: later(31) }),
      ]);
      const after = await getOrder(order.id);
      const stock = await stockOf(api.db, product.id);
      if (outcome.kind === 'paid') {
        expect(after).toMatchObject({ status: 'paid', paidVnd: 60_000 });
        expect(after.refundDueVnd).toBeUndefined();
        expect(stock).toBe(8);
        expect(await refundItem(order.id)).toBeUndefined();
      } else {
        expect(outcome.kind).toBe('not_payable');
        expect(after).toMatchObject({ status: 'expired', paidVnd: 10_000, refundDueVnd: 10_000 });
        expect(stock).toBe(10);
        expect((await refundItem(order.id))?.amountVnd).toBe(10_000);
      }
    }
  });

  it('an expired order keeps a TTL so the table forgets abandoned checkouts', async () => {
    const order = await orderTea(1);
    await sweepExpiredOrders({ orders: deps.orders, clock: later(31) });
    const item = await api.db.doc.send(
      new GetCommand({ TableName: api.db.tableName, Key: { PK: `ORDER#${order.id}`, SK: 'ORDER' } }),
    );
    expect(item.Item?.status).toBe('expired');
    expect(item.Item?.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('POST /admin/orders/sweep runs the sweeper for an admin only', async () => {
    const admin = await api.tokenFor({ phone: phones.admin });
    expect((await api.request('POST', '/admin/orders/sweep', { token: admin })).status).toBe(200);
    for (const phone of [phones.buyer, phones.farmer1, phones.vendor, phones.manager, phones.officer]) {
      const token = await api.tokenFor({ phone });
      expect((await api.request('POST', '/admin/orders/sweep', { token })).status).toBe(403);
    }
    expect((await api.request('POST', '/admin/orders/sweep')).status).toBe(401);
  });
});
