import { recordOrderPayment } from '@chophien/core';
import { orderRepository } from '@chophien/db';
import { parseVietQR } from '@chophien/vietqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';
import {
  CUSTARD_APPLE,
  contact,
  type FieldJson,
  freshProduct,
  newBuyerToken,
  type OrderJson,
  phones,
  stockOf,
  TEA,
} from './fixtures.ts';

let api: TestApi;
let buyer: string;
beforeAll(async () => {
  api = await startTestApi();
  buyer = await api.tokenFor({ phone: phones.buyer });
});
afterAll(async () => {
  await api?.stop();
});

const checkout = (token: string, items: Array<{ productId: string; packId: string; quantity: number }>) =>
  api.request('POST', '/orders', { token, body: { items, fulfilment: 'delivery', contact } });

describe('checkout (connected)', () => {
  it('splits a cart with two farmers into one order per farmer, each with a VietQR to that farmer', async () => {
    const response = await checkout(buyer, [
      { productId: TEA, packId: '100-g-pack', quantity: 2 },
      { productId: CUSTARD_APPLE, packId: '1-kg-box', quantity: 1 },
    ]);
    expect(response.status).toBe(201);
    const { orders } = response.json;
    expect(orders).toHaveLength(2);
    const tea = orders.find((o: OrderJson) => o.lines[0]?.productId === TEA);
    expect(tea).toMatchObject({
      status: 'pending_payment',
      totalVnd: 90_000,
      paidVnd: 0,
      remainderVnd: 90_000,
    });
    expect(tea.code).toMatch(/^CP[2-9A-HJKMNP-Z]{6}$/);
    expect(tea.payTo).toEqual({
      bankBin: '970405',
      accountNumberMasked: '•••••••••3001',
      accountName: 'NGUYEN VAN THANH',
    });
    // Only the QR payload, which the buyer's bank app must read, carries the full number.
    const { vietqr: _qr, ...shown } = tea;
    expect(JSON.stringify(shown)).not.toContain('390420512');
    const qr = parseVietQR(tea.vietqr);
    expect(qr.ok).toBe(true);
    if (qr.ok) {
      expect(qr.data).toMatchObject({
        bin: '970405',
        accountNumber: '3904205123001',
        amount: 90_000,
        pointOfInitiation: 'dynamic',
      });
      expect(qr.data.additional.purpose).toBe(tea.code);
    }
    const apples = orders.find((o: OrderJson) => o.lines[0]?.productId === CUSTARD_APPLE);
    expect(apples.payTo.bankBin).toBe('970418');
    expect(apples.checkoutId).toBe(tea.checkoutId);
  });

  it('draws every pack size from the one stock pool in base units', async () => {
    const before = await stockOf(api.db, TEA);
    const response = await checkout(buyer, [
      { productId: TEA, packId: '100-g-pack', quantity: 1 },
      { productId: TEA, packId: '500-g-pack', quantity: 1 },
      { productId: TEA, packId: '1-kg-bag', quantity: 2 },
    ]);
    expect(response.status).toBe(201);
    expect(response.json.orders[0].totalVnd).toBe(45_000 + 210_000 + 800_000);
    expect(await stockOf(api.db, TEA)).toBe(before - 2600);
  });

  it('50 parallel checkouts for 10 units: exactly 10 succeed and stock ends at zero, never below', async () => {
    const product = await freshProduct(api.db, 10, [['mot-goi', 1, 30_000]]);
    // Fifty people, not one: a buyer may hold only a few unpaid checkouts (decision 0903).
    const buyers = await Promise.all(Array.from({ length: 50 }, () => newBuyerToken(api)));
    const responses = await Promise.all(
      buyers.map((token) => checkout(token, [{ productId: product.id, packId: 'mot-goi', quantity: 1 }])),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(responses.find((r) => r.status === 409)?.json.error.code).toBe('out_of_stock');
    expect(await stockOf(api.db, product.id)).toBe(0);
  });

  it('packs of different sizes racing for one small pool never oversell it', async () => {
    const product = await freshProduct(api.db, 10, [
      ['le', 1, 10_000],
      ['bo-ba', 3, 28_000],
    ]);
    const buyers = await Promise.all(Array.from({ length: 30 }, () => newBuyerToken(api)));
    const responses = await Promise.all(
      buyers.map((token, i) =>
        checkout(token, [{ productId: product.id, packId: i % 2 ? 'le' : 'bo-ba', quantity: 1 }]),
      ),
    );
    const sold = responses
      .filter((r) => r.status === 201)
      .reduce((sum, r) => sum + r.json.orders[0].lines[0].packSize, 0);
    const left = await stockOf(api.db, product.id);
    expect(left).toBeGreaterThanOrEqual(0);
    expect(sold + left).toBe(10);
    expect(left).toBe(0);
  });

  it('refuses more than the pool holds with 409 and writes nothing', async () => {
    const product = await freshProduct(api.db, 5, [['mot-goi', 1, 30_000]]);
    const response = await checkout(buyer, [{ productId: product.id, packId: 'mot-goi', quantity: 6 }]);
    expect(response.status).toBe(409);
    expect(response.json.error.code).toBe('out_of_stock');
    expect(response.json.error.message).toMatch(/Không đủ hàng/);
    expect(await stockOf(api.db, product.id)).toBe(5);
    expect(
      (await api.request('GET', '/orders', { token: buyer })).json.orders.every(
        (o: OrderJson) => o.lines[0]?.productId !== product.id,
      ),
    ).toBe(true);
  });

  it('when one farmer of the cart is short, no order of the cart is created', async () => {
    const short = await freshProduct(api.db, 1, [['mot-goi', 1, 30_000]]);
    const teaBefore = await stockOf(api.db, TEA);
    const response = await checkout(buyer, [
      { productId: TEA, packId: '100-g-pack', quantity: 1 },
      { productId: short.id, packId: 'mot-goi', quantity: 2 },
    ]);
    expect(response.status).toBe(409);
    expect(await stockOf(api.db, TEA)).toBe(teaBefore);
  });

  it('bad input is 400 with field-level messages in both languages and writes nothing', async () => {
    const before = await stockOf(api.db, TEA);
    const response = await api.request('POST', '/orders', {
      token: buyer,
      body: {
        items: [{ productId: TEA, packId: '100-g-pack', quantity: 0 }],
        fulfilment: 'drone',
        contact: { name: 'A', phone: '12' },
      },
    });
    expect(response.status).toBe(400);
    const paths = response.json.error.fields.map((f: FieldJson) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.items.0.quantity', 'body.fulfilment', 'body.contact.phone']),
    );
    const quantity = response.json.error.fields.find((f: FieldJson) => f.path === 'body.items.0.quantity');
    expect(quantity.messages ?? quantity.message).toBeDefined();
    expect(await stockOf(api.db, TEA)).toBe(before);
  });

  it('an unknown product or pack is 404; an empty cart is 400', async () => {
    expect((await checkout(buyer, [{ productId: 'KHONGCO', packId: 'x', quantity: 1 }])).status).toBe(404);
    expect((await checkout(buyer, [{ productId: TEA, packId: 'khong-co', quantity: 1 }])).status).toBe(404);
    expect((await checkout(buyer, [])).status).toBe(400);
  });

  it('needs a signed-in user', async () => {
    const response = await api.request('POST', '/orders', {
      body: { items: [], fulfilment: 'pickup', contact },
    });
    expect(response.status).toBe(401);
  });
});

describe('stock hoarding: what one buyer may hold unpaid (decision 0903)', () => {
  const one = (productId: string, quantity = 1, packId = 'mot-goi') => [{ productId, packId, quantity }];
  const pay = (order: { code: string; totalVnd: number }) =>
    recordOrderPayment(
      { orders: orderRepository(api.db) },
      {
        provider: 'sepay',
        providerTransactionId: `hoard-${order.code}`,
        amountVnd: order.totalVnd,
        memo: order.code,
        receivedAt: new Date().toISOString(),
        receivingAccount: { bin: '970436', accountNumber: '1023456003' },
        orderCode: order.code,
      },
    );

  it('a fourth unpaid checkout is refused, in the buyer’s words; paying one frees its place', async () => {
    const token = await newBuyerToken(api);
    const product = await freshProduct(api.db, 100, [['mot-goi', 1, 30_000]]);
    const placed = [];
    for (let i = 0; i < 3; i++) {
      const response = await checkout(token, one(product.id));
      expect(response.status).toBe(201);
      placed.push(response.json.orders[0]);
    }
    const fourth = await checkout(token, one(product.id));
    expect(fourth.status).toBe(409);
    expect(fourth.json.error.code).toBe('too_many_unpaid_orders');
    expect(fourth.json.error.message).toBe(
      'Bạn đang có 3 đơn hàng chưa thanh toán. Hãy thanh toán hoặc huỷ bớt một đơn trước khi đặt đơn mới.',
    );
    expect(await stockOf(api.db, product.id)).toBe(97);
    expect((await pay(placed[0])).kind).toBe('paid');
    expect((await checkout(token, one(product.id))).status).toBe(201);
  });

  it('simultaneous checkouts of one buyer cannot take more than three places', async () => {
    const token = await newBuyerToken(api);
    const product = await freshProduct(api.db, 100, [['mot-goi', 1, 30_000]]);
    const responses = await Promise.all(Array.from({ length: 6 }, () => checkout(token, one(product.id))));
    expect(responses.filter((r) => r.status === 201)).toHaveLength(3);
    expect(await stockOf(api.db, product.id)).toBe(97);
  });

  it('one unpaid checkout may hold at most the farmer’s share of what is left (default 50 %)', async () => {
    const token = await newBuyerToken(api);
    const product = await freshProduct(api.db, 10, [['mot-goi', 1, 30_000]]);
    const greedy = await checkout(token, one(product.id, 6));
    expect(greedy.status).toBe(422);
    expect(greedy.json.error.code).toBe('order_share_exceeded');
    expect(greedy.json.error.message).toMatch(
      /^Mỗi đơn chưa thanh toán chỉ được giữ tối đa 5 quả "Miến dong thử nghiệm" \(50% số hàng còn lại\)/,
    );
    expect(await stockOf(api.db, product.id)).toBe(10);
    expect((await checkout(token, one(product.id, 5))).status).toBe(201);
  });

  it('the farmer sets the share on the listing; a small pool still sells its smallest pack', async () => {
    const farmer = await api.tokenFor({ phone: phones.farmer3 });
    const product = await freshProduct(api.db, 2, [['mot-goi', 1, 30_000]]);
    expect((await checkout(await newBuyerToken(api), one(product.id, 1))).status).toBe(201);
    const whole = await freshProduct(api.db, 8, [['mot-goi', 1, 30_000]]);
    const patched = await api.request('PATCH', `/listings/${whole.id}`, {
      token: farmer,
      body: { maxOrderSharePercent: 100 },
    });
    expect(patched.status).toBe(200);
    expect((await checkout(await newBuyerToken(api), one(whole.id, 8))).status).toBe(201);
    const bad = await api.request('PATCH', `/listings/${whole.id}`, {
      token: farmer,
      body: { maxOrderSharePercent: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields[0].path).toBe('body.maxOrderSharePercent');
  });

  it('checkouts are throttled per buyer: the eleventh in an hour is 429 with a reason', async () => {
    const token = await newBuyerToken(api);
    const product = await freshProduct(api.db, 1000, [['mot-goi', 1, 30_000]]);
    for (let i = 0; i < 10; i++) {
      // Each paid at once, so no place is held: only the rate counts.
      const response = await checkout(token, one(product.id));
      expect(response.status, `checkout ${i + 1}`).toBe(201);
      expect((await pay(response.json.orders[0])).kind).toBe('paid');
    }
    const eleventh = await checkout(token, one(product.id));
    expect(eleventh.status).toBe(429);
    expect(eleventh.json.error.message).toMatch(/^Bạn đã đặt nhiều đơn trong một giờ qua/);
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('pay link: one per checkout, what paying needs and nothing else (connected)', () => {
  it('both farmers’ orders under one unguessable token, full account while owed; the seller never sees the token', async () => {
    const { orderRepository } = await import('@chophien/db');
    const { purchaseByPayLink, purchaseOfOrder } = await import('@chophien/core');
    const response = await checkout(buyer, [
      { productId: TEA, packId: '100-g-pack', quantity: 1 },
      { productId: CUSTARD_APPLE, packId: '1-kg-box', quantity: 1 },
    ]);
    expect(response.status).toBe(201);
    const ids = response.json.orders.map((o: OrderJson) => o.id as string);
    // The buyer gets the purchase's token once; each order's JSON does not carry it (sellers read those).
    const token = response.json.payToken as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(JSON.stringify(response.json.orders)).not.toContain(token);
    const orders = orderRepository(api.db);
    const stored = await Promise.all(ids.map((id: string) => orders.getById(id)));
    expect(stored[0]?.payToken).toBe(token);
    expect(stored[1]?.payToken).toBe(token);

    const purchase = await purchaseByPayLink({ orders }, token);
    expect(purchase.orders.map((o) => o.id).sort()).toEqual([...ids].sort());
    expect(purchase.remainderVnd).toBe(purchase.totalVnd);
    const tea = purchase.orders.find((o) => o.payTo?.bankBin === '970405');
    expect(tea?.payTo).toEqual({
      bankBin: '970405',
      accountNumber: '3904205123001',
      accountName: 'NGUYEN VAN THANH',
    });
    expect(tea?.memo).toBe(tea?.code);
    // Nothing about who bought or where it goes.
    const shown = JSON.stringify(purchase);
    expect(shown).not.toContain(contact.address);
    expect(shown).not.toContain('0987000001');
    expect(shown).not.toContain(contact.name);

    await expect(purchaseByPayLink({ orders }, 'A'.repeat(22))).rejects.toMatchObject({
      code: 'pay_link_not_found',
    });
    await expect(purchaseByPayLink({ orders }, '../../x')).rejects.toMatchObject({
      code: 'pay_link_not_found',
    });

    const teaOrder = stored.find((o) => o?.farmerId === stored[0]?.farmerId) ?? stored[0];
    const seller = await api.tokenFor({ phone: phones.farmer1 });
    const sellerList = await api.request('GET', '/seller/orders', { token: seller });
    expect(JSON.stringify(sellerList.json)).not.toContain(token);
    const farmerView = await purchaseOfOrder(
      { orders },
      { userId: teaOrder?.farmerId as string, roles: ['farmer'] },
      teaOrder?.id as string,
    );
    expect(farmerView.payToken).toBeUndefined();
    expect(farmerView.orders).toHaveLength(1);
    await expect(
      purchaseOfOrder({ orders }, { userId: 'someone-else', roles: ['buyer'] }, teaOrder?.id as string),
    ).rejects.toMatchObject({ code: 'order_not_found' });
  });

  it('a short stock says how many of the wanted pack are left', async () => {
    const { id } = await freshProduct(api.db, 300, [['100-g', 100, 20_000]]);
    const response = await checkout(buyer, [{ productId: id, packId: '100-g', quantity: 5 }]);
    expect(response.status).toBe(409);
    expect(JSON.stringify(response.json)).toContain('chỉ còn 3');
  });
});
