import type { Product } from '@chophien/core';
import { productRepository } from '@chophien/db';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * What the public API says about a listing (connected): exactly the fields of the public shape, field by
 * field, never the household's consent, the officer who recorded it, internal owner ids or who uploaded
 * a photo. A listing an officer made for a household carries all of those in storage.
 */
let api: TestApi;
const id = ulid();
const CONSENT_NOTE = 'Bà Lò Thị Mai đồng ý qua điện thoại, có chồng làm chứng';
const officer = seedId('officer', 1);
const farmer = seedId('farmer', 1);

const stored: Product = {
  id,
  slug: `mien-dong-xa-cong-khai-${id.toLowerCase()}`,
  farmerId: farmer,
  farmId: seedId('farm', 1),
  title: { vi: 'Miến dong Bình Liêu công khai', en: 'Binh Lieu glass noodles' },
  description: { vi: 'Miến dong làm tay.' },
  category: 'dac-san-che-bien',
  baseUnit: 'g',
  packs: [{ id: '500g', label: { vi: 'Gói 500 g' }, size: 500, priceVnd: 60_000 }],
  stock: 20_000,
  province: 'Quảng Ninh',
  commune: 'xã Bình Liêu',
  ocopStars: 4,
  imageUrls: [],
  photos: [
    {
      id: 'ph1',
      alt: { vi: 'Miến dong phơi nắng' },
      renditions: [{ key: `photos/${id}/ph1-480.jpg`, width: 480, height: 360 }],
      addedAt: '2026-11-01T02:00:00Z',
      addedBy: officer,
    },
  ],
  lotIds: [],
  harvestWindow: { from: '2026-10-01', to: '2026-12-31' },
  agent: {
    officerId: officer,
    consent: { method: 'phone_call', givenAt: '2026-10-30T02:00:00Z', note: CONSENT_NOTE },
  },
  status: 'published',
  createdAt: '2026-11-01T02:00:00.000Z',
  updatedAt: '2026-11-01T02:00:00.000Z',
};

beforeAll(async () => {
  api = await startTestApi();
  await productRepository(api.db).put(stored);
});
afterAll(async () => {
  await api?.stop();
});

const PUBLIC_PRODUCT_FIELDS = [
  'baseUnit',
  'category',
  'commune',
  'createdAt',
  'description',
  'harvestWindow',
  'id',
  'imageUrls',
  'lotIds',
  'ocopStars',
  'packs',
  'photos',
  'province',
  'slug',
  'status',
  'stock',
  'title',
  'updatedAt',
];

function expectPublicShape(product: Record<string, unknown>) {
  expect(Object.keys(product).sort()).toEqual(PUBLIC_PRODUCT_FIELDS);
  expect(product.title).toEqual(stored.title);
  expect(product.packs).toEqual(stored.packs);
  expect(product.stock).toBe(20_000);
  expect(product.province).toBe('Quảng Ninh');
  expect(product.harvestWindow).toEqual(stored.harvestWindow);
  const photos = product.photos as Record<string, unknown>[];
  expect(photos.map((photo) => Object.keys(photo).sort())).toEqual([['alt', 'id', 'renditions']]);
  const text = JSON.stringify(product);
  for (const secret of [CONSENT_NOTE, officer, farmer, seedId('farm', 1), 'phone_call', 'consent', 'agent'])
    expect(text).not.toContain(secret);
}

describe('public product views are explicit projections (connected)', () => {
  it('GET /products/{id} carries exactly the public fields', async () => {
    const response = await api.request('GET', `/products/${id}`);
    expect(response.status).toBe(200);
    expectPublicShape(response.json);
  });

  it('GET /search carries exactly the public fields in every result', async () => {
    const response = await api.request(
      'GET',
      `/search?q=${encodeURIComponent('miến dong bình liêu công khai')}`,
    );
    expect(response.status).toBe(200);
    const mine = response.json.results.find((result: { id: string }) => result.id === id);
    expectPublicShape(mine);
    for (const result of response.json.results) {
      expect(Object.keys(result).every((key) => PUBLIC_PRODUCT_FIELDS.includes(key))).toBe(true);
    }
  });
});
