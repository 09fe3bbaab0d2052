import { recordOrderPayment } from '@chophien/core';
import { orderRepository } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { contact, farmer1Account, newBuyerToken, type OrderJson, phones, TEA } from './fixtures.ts';

let api: TestApi;
const tokens: Record<keyof typeof phones, string> = {} as never;
beforeAll(async () => {
  api = await startTestApi();
  for (const [who, phone] of Object.entries(phones))
    tokens[who as keyof typeof phones] = await api.tokenFor({ phone });
});
afterAll(async () => {
  await api?.stop();
});

/** A paid order of a buyer of its own (a buyer places only a few checkouts an hour, decision 0903). */
async function paidOrder() {
  const buyer = await newBuyerToken(api);
  const response = await api.request('POST', '/orders', {
    token: buyer,
    body: { items: [{ productId: TEA, packId: '100-g-pack', quantity: 1 }], fulfilment: 'pickup', contact },
  });
  const order = response.json.orders[0];
  await recordOrderPayment(
    { orders: orderRepository(api.db) },
    {
      provider: 'sepay',
      providerTransactionId: `auth-${order.id}`,
      amountVnd: order.totalVnd,
      memo: order.code,
      receivedAt: new Date().toISOString(),
      receivingAccount: farmer1Account,
      orderCode: order.code,
    },
  );
  return { ...(order as { id: string; code: string }), buyer };
}

const move = (id: string, status: string, token?: string) =>
  api.request('POST', `/orders/${id}/status`, { ...(token ? { token } : {}), body: { status } });

describe('order authorization (connected)', () => {
  it('the selling farmer marks a paid order ready, then completed', async () => {
    const order = await paidOrder();
    const ready = await move(order.id, 'ready', tokens.farmer1);
    expect(ready.status).toBe(200);
    expect(ready.json.status).toBe('ready');
    expect((await move(order.id, 'completed', tokens.farmer1)).json.status).toBe('completed');
  });

  it('the selling farmer may ship; the buyer confirms receipt', async () => {
    const order = await paidOrder();
    expect((await move(order.id, 'shipped', tokens.farmer1)).status).toBe(200);
    expect((await move(order.id, 'completed', order.buyer)).json.status).toBe('completed');
  });

  it.each([
    ['another farmer', 'farmer2', 404],
    ['a vendor', 'vendor', 404],
    ['a market manager', 'manager', 404],
    ['a commune officer', 'officer', 404],
    ['an admin', 'admin', 403],
  ] as const)('%s cannot move someone else’s order and it stays paid', async (_label, who, status) => {
    const order = await paidOrder();
    expect((await move(order.id, 'ready', tokens[who])).status).toBe(status);
    expect((await api.request('GET', `/orders/${order.id}`, { token: order.buyer })).json.status).toBe(
      'paid',
    );
  });

  it('the buyer cannot mark an order ready: 409 with the current state', async () => {
    const order = await paidOrder();
    const response = await move(order.id, 'ready', order.buyer);
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('order_state');
  });

  it('nobody can set paid or expired by hand (400), nor move without signing in (401)', async () => {
    const order = await paidOrder();
    expect((await move(order.id, 'paid', tokens.farmer1)).status).toBe(400);
    expect((await move(order.id, 'expired', tokens.admin)).status).toBe(400);
    expect((await move(order.id, 'ready')).status).toBe(401);
  });

  it('a paid order cannot be cancelled through the status route', async () => {
    const order = await paidOrder();
    expect((await move(order.id, 'cancelled', order.buyer)).status).toBe(422);
  });

  it('an order is visible to its buyer, its farmer and an admin; to anyone else it does not exist', async () => {
    const order = await paidOrder();
    for (const token of [order.buyer, tokens.farmer1, tokens.admin]) {
      expect((await api.request('GET', `/orders/${order.id}`, { token })).status).toBe(200);
    }
    // Another buyer does not see it either.
    expect((await api.request('GET', `/orders/${order.id}`, { token: tokens.buyer })).status).toBe(404);
    for (const who of ['farmer2', 'vendor', 'manager', 'officer'] as const) {
      expect((await api.request('GET', `/orders/${order.id}`, { token: tokens[who] })).status).toBe(404);
    }
  });

  it('a farmer lists their own orders filtered by state; other roles are refused', async () => {
    const order = await paidOrder();
    const mine = await api.request('GET', '/seller/orders?status=paid', { token: tokens.farmer1 });
    expect(mine.status).toBe(200);
    expect(mine.json.orders.map((o: OrderJson) => o.id)).toContain(order.id);
    expect(mine.json.orders.every((o: OrderJson) => o.status === 'paid')).toBe(true);
    const theirs = await api.request('GET', '/seller/orders', { token: tokens.farmer2 });
    expect(theirs.json.orders.map((o: OrderJson) => o.id)).not.toContain(order.id);
    for (const who of ['buyer', 'vendor', 'manager', 'officer', 'admin'] as const) {
      expect((await api.request('GET', '/seller/orders', { token: tokens[who] })).status).toBe(403);
    }
    expect((await api.request('GET', '/seller/orders?status=lost', { token: tokens.farmer1 })).status).toBe(
      400,
    );
  });

  it('a buyer lists their own orders only', async () => {
    const order = await paidOrder();
    expect(
      (await api.request('GET', '/orders', { token: order.buyer })).json.orders.map((o: OrderJson) => o.id),
    ).toContain(order.id);
    expect(
      (await api.request('GET', '/orders', { token: tokens.vendor })).json.orders.map((o: OrderJson) => o.id),
    ).not.toContain(order.id);
  });
});
