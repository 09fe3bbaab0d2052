import { parseVietQR } from '@chophien/vietqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';
import {
  CUSTARD_APPLE,
  contact,
  type FieldJson,
  freshProduct,
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
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        checkout(buyer, [{ productId: product.id, packId: 'mot-goi', quantity: 1 }]),
      ),
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
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        checkout(buyer, [{ productId: product.id, packId: i % 2 ? 'le' : 'bo-ba', quantity: 1 }]),
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
