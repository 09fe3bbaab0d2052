import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { type FieldJson, phones, stockOf } from './fixtures.ts';

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

const tea = {
  title: { vi: 'Chè búp xuân Tân Cương', en: 'Tan Cuong spring bud tea' },
  description: { vi: 'Chè hái lứa xuân, sao tay.' },
  category: 'che-ca-phe',
  baseUnit: 'g',
  stock: 50_000,
  packs: [
    { id: '100g', label: { vi: 'Gói 100 g' }, size: 100, priceVnd: 45_000 },
    { id: '500g', label: { vi: 'Gói 500 g' }, size: 500, priceVnd: 210_000 },
    { id: '1kg', label: { vi: 'Túi 1 kg' }, size: 1000, priceVnd: 400_000 },
  ],
  province: 'Thái Nguyên',
  commune: 'xã Tân Cương',
  ocopStars: 4,
  harvestWindow: { from: '2027-03-01', to: '2027-04-15' },
  preorderHarvestDate: '2027-03-10',
  status: 'published',
};
const consent = { method: 'in_person', givenAt: '2026-11-20T02:00:00.000Z', note: 'Ký giấy tại UBND xã' };

const create = (token: string | undefined, body: unknown) =>
  api.request('POST', '/listings', { ...(token ? { token } : {}), body });

describe('listings (connected)', () => {
  it('a farmer lists tea in three pack sizes drawing from one pool, with harvest window and pre-order day', async () => {
    const response = await create(tokens.farmer1, tea);
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({
      farmerId: seedId('farmer', 1),
      stock: 50_000,
      status: 'published',
      preorderHarvestDate: '2027-03-10',
    });
    expect(response.json.slug).toMatch(/^che-bup-xuan-tan-cuong-[0-9a-z]{6}$/);
    const mine = await api.request('GET', '/seller/listings', { token: tokens.farmer1 });
    expect(mine.json.listings.map((l: { id: string }) => l.id)).toContain(response.json.id);
  });

  it('a commune officer lists for a farmer of their commune; the consent and the farmer as owner are recorded', async () => {
    const response = await create(tokens.officer, {
      ...tea,
      onBehalfOf: { farmerId: seedId('farmer', 1), consent },
    });
    expect(response.status).toBe(201);
    expect(response.json.farmerId).toBe(seedId('farmer', 1));
    expect(response.json.agent).toEqual({ officerId: seedId('officer', 1), consent });
    // The officer may then edit it, and so may the farmer.
    expect(
      (
        await api.request('PATCH', `/listings/${response.json.id}`, {
          token: tokens.officer,
          body: { ocopStars: 5 },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.request('PATCH', `/listings/${response.json.id}`, {
          token: tokens.farmer1,
          body: { ocopStars: 4 },
        })
      ).status,
    ).toBe(200);
  });

  it('an officer cannot list for a farmer outside their commune, nor without naming one', async () => {
    const outside = await create(tokens.officer, {
      ...tea,
      onBehalfOf: { farmerId: seedId('farmer', 4), consent },
    });
    expect(outside.status).toBe(403);
    expect((await create(tokens.officer, tea)).status).toBe(400);
    const noConsent = await create(tokens.officer, { ...tea, onBehalfOf: { farmerId: seedId('farmer', 1) } });
    expect(noConsent.status).toBe(400);
  });

  it('a farmer cannot list on someone else’s behalf', async () => {
    expect(
      (await create(tokens.farmer2, { ...tea, onBehalfOf: { farmerId: seedId('farmer', 1), consent } }))
        .status,
    ).toBe(403);
  });

  it.each([
    ['buyer', 403],
    ['vendor', 403],
    ['manager', 403],
    ['admin', 403],
  ] as const)('a %s cannot create listings', async (who, status) => {
    expect((await create(tokens[who], tea)).status).toBe(status);
  });

  it('without signing in it is 401', async () => {
    expect((await create(undefined, tea)).status).toBe(401);
  });

  it('bad input is refused with field-level messages and nothing is written', async () => {
    const before = (await api.request('GET', '/seller/listings', { token: tokens.farmer2 })).json.listings
      .length;
    const response = await create(tokens.farmer2, {
      ...tea,
      title: { vi: '' },
      packs: [],
      stock: -1,
      category: 'xe-may',
      harvestWindow: { from: '2027-05-01', to: '2027-04-01' },
    });
    expect(response.status).toBe(400);
    const paths = response.json.error.fields.map((f: FieldJson) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.title.vi',
        'body.packs',
        'body.stock',
        'body.category',
        'body.harvestWindow',
      ]),
    );
    const titleIssue = response.json.error.fields.find((f: FieldJson) => f.path === 'body.title.vi');
    expect(JSON.stringify(titleIssue)).toContain('Cần nhập tiếng Việt');
    expect(
      (await api.request('GET', '/seller/listings', { token: tokens.farmer2 })).json.listings.length,
    ).toBe(before);
  });

  describe('editing an existing listing: the authorization matrix', () => {
    let id: string;
    beforeAll(async () => {
      id = (await create(tokens.farmer1, tea)).json.id;
    });

    it.each([
      ['owner farmer', 'farmer1', 200],
      ['another farmer', 'farmer2', 403],
      ['officer who did not list it', 'officer', 403],
      ['buyer', 'buyer', 403],
      ['vendor', 'vendor', 403],
      ['market manager', 'manager', 403],
      ['admin', 'admin', 403],
    ] as const)('PATCH by the %s → %i', async (_label, who, status) => {
      const response = await api.request('PATCH', `/listings/${id}`, {
        token: tokens[who],
        body: { description: { vi: `Sửa bởi ${who}` } },
      });
      expect(response.status).toBe(status);
    });

    it.each([
      ['owner farmer', 'farmer1', 'draft', 200],
      ['another farmer', 'farmer2', 'draft', 403],
      ['admin taking it down', 'admin', 'archived', 200],
      ['admin publishing it', 'admin', 'published', 403],
      ['buyer', 'buyer', 'archived', 403],
      ['officer who did not list it', 'officer', 'archived', 403],
    ] as const)('status change by the %s → %i', async (_label, who, status, expected) => {
      const response = await api.request('POST', `/listings/${id}/status`, {
        token: tokens[who],
        body: { status },
      });
      expect(response.status).toBe(expected);
    });

    it.each([
      ['another farmer', 'farmer2'],
      ['officer who did not list it', 'officer'],
    ] as const)('stock change by the %s is 403', async (_label, who) => {
      expect(
        (
          await api.request('POST', `/listings/${id}/stock`, {
            token: tokens[who],
            body: { deltaUnits: 100 },
          })
        ).status,
      ).toBe(403);
    });

    it('a listing that does not exist is 404', async () => {
      expect(
        (await api.request('PATCH', '/listings/KHONGCO', { token: tokens.farmer1, body: { ocopStars: 3 } }))
          .status,
      ).toBe(404);
    });
  });

  it('the owner restocks; removing more than remains is 409 and the pool never goes below zero', async () => {
    const { id } = (await create(tokens.farmer1, { ...tea, stock: 1000 })).json;
    expect(
      (
        await api.request('POST', `/listings/${id}/stock`, {
          token: tokens.farmer1,
          body: { deltaUnits: 500 },
        })
      ).json.stock,
    ).toBe(1500);
    const tooMuch = await api.request('POST', `/listings/${id}/stock`, {
      token: tokens.farmer1,
      body: { deltaUnits: -2000 },
    });
    expect(tooMuch.status).toBe(409);
    expect(await stockOf(api.db, id)).toBe(1500);
  });

  it('editing a listing never overwrites its stock (reservations keep counting)', async () => {
    const { id } = (await create(tokens.farmer1, { ...tea, stock: 1000 })).json;
    const response = await api.request('PATCH', `/listings/${id}`, {
      token: tokens.farmer1,
      body: { stock: 99 },
    });
    expect(response.status).toBe(400);
    expect(await stockOf(api.db, id)).toBe(1000);
  });

  it('publishing and archiving move the listing in and out of the storefront catalog', async () => {
    const { id } = (await create(tokens.farmer1, { ...tea, status: 'draft' })).json;
    const { productRepository } = await import('@chophien/db');
    const published = () =>
      productRepository(api.db)
        .listPublished({ limit: 500 })
        .then((ps) => ps.map((p) => p.id));
    expect(await published()).not.toContain(id);
    await api.request('POST', `/listings/${id}/status`, {
      token: tokens.farmer1,
      body: { status: 'published' },
    });
    expect(await published()).toContain(id);
    await api.request('POST', `/listings/${id}/status`, {
      token: tokens.admin,
      body: { status: 'archived' },
    });
    expect(await published()).not.toContain(id);
  });

  it('a pre-order listing sells now and its order lines say when delivery starts', async () => {
    const { id } = (await create(tokens.farmer1, tea)).json;
    const response = await api.request('POST', '/orders', {
      token: tokens.buyer,
      body: {
        items: [{ productId: id, packId: '500g', quantity: 1 }],
        fulfilment: 'delivery',
        contact: { name: 'Trần Minh Anh', phone: '0987000001', address: 'Số 5 Hàng Bạc, Hoàn Kiếm, Hà Nội' },
      },
    });
    expect(response.status).toBe(201);
    expect(response.json.orders[0].lines[0]).toMatchObject({ deliverFrom: '2027-03-10', packSize: 500 });
    expect(await stockOf(api.db, id)).toBe(49_500);
  });
});
