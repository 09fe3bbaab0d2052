import { describe, expect, it } from 'vitest';
import type { CategorySlug, Product } from '../../src/catalog/index.ts';
import { searchQuerySchema } from '../../src/marketplace/search.ts';
import { buildSearchIndex, toSearchEntry } from '../../src/marketplace/search-index.ts';
import { rankListings } from '../../src/marketplace/search-ranking.ts';

let n = 0;
const product = (
  title: string,
  category: CategorySlug,
  province: string,
  extra: Partial<Product> = {},
): Product => {
  n += 1;
  return {
    id: `P${n}`,
    slug: `p-${n}`,
    farmerId: 'F',
    title: { vi: title },
    description: { vi: extra.description?.vi ?? 'Sản phẩm nông hộ.' },
    category,
    baseUnit: 'g',
    packs: [{ id: 'a', label: { vi: 'Gói' }, size: 100, priceVnd: extra.packs?.[0]?.priceVnd ?? 50_000 }],
    stock: 1000,
    province,
    imageUrls: [],
    lotIds: [],
    status: 'published',
    createdAt: `2026-10-${String(n).padStart(2, '0')}T00:00:00.000Z`,
    updatedAt: '2026-10-01T00:00:00.000Z',
    ...extra,
  } as Product;
};

const catalog = [
  product('Chè Thái Nguyên búp Tân Cương', 'che-ca-phe', 'Thái Nguyên', {
    commune: 'xã Tân Cương',
    ocopStars: 4,
  }),
  product('Trà xanh túi lọc Tân Cương', 'che-ca-phe', 'Thái Nguyên', {
    description: { vi: 'Chè nguyên liệu Thái Nguyên.' },
  }),
  product('Na dai La Hiên', 'trai-cay', 'Thái Nguyên', { commune: 'xã La Hiên' }),
  product('Na bở chín cây', 'trai-cay', 'Thái Nguyên', { commune: 'xã La Hiên' }),
  product('Vải thiều Thanh Hà', 'trai-cay', 'Hải Phòng', { ocopStars: 5 }),
  product('Vải thiều sấy khô Thanh Hà', 'dac-san-che-bien', 'Hải Phòng', {
    packs: [{ id: 'a', label: { vi: 'x' }, size: 1, priceVnd: 120_000 }],
  }),
  product('Chè móc câu đặc biệt', 'che-ca-phe', 'Thái Nguyên'),
  product('Gạo nếp cái hoa vàng', 'gao-ngu-coc', 'Thanh Hóa'),
  product('Cà phê Thái', 'che-ca-phe', 'Sơn La'),
];
const index = buildSearchIndex(catalog.map(toSearchEntry));
const titleOf = new Map(catalog.map((p) => [p.id, p.title.vi]));
const search = (params: Record<string, unknown>) =>
  rankListings([index], searchQuerySchema.parse(params), { offset: 0, limit: 100 }).ids.map((id) =>
    titleOf.get(id),
  );

describe('search relevance', () => {
  it.each([
    ['che thai nguyen', 'Chè Thái Nguyên búp Tân Cương'],
    ['chè thái nguyên', 'Chè Thái Nguyên búp Tân Cương'],
    ['CHE THAI NGUYEN', 'Chè Thái Nguyên búp Tân Cương'],
    ['vai thieu', 'Vải thiều Thanh Hà'],
    ['vải thiều', 'Vải thiều Thanh Hà'],
    ['na la hien', 'Na dai La Hiên'],
    ['na la hiên', 'Na dai La Hiên'],
    ['gao nep', 'Gạo nếp cái hoa vàng'],
    ['vai thi', 'Vải thiều Thanh Hà'],
    ['vai thieuu', 'Vải thiều Thanh Hà'],
  ])('"%s" finds %s first', (q, first) => {
    expect(search({ q })[0]).toBe(first);
  });

  it('"na la hien" ranks both La Hiên custard apples above anything else', () => {
    expect(search({ q: 'na la hien' }).slice(0, 2).sort()).toEqual(['Na bở chín cây', 'Na dai La Hiên']);
  });

  it('words that match nothing return nothing rather than noise', () => {
    expect(search({ q: 'xe may honda' })).toEqual([]);
  });

  it('an empty query lists everything newest first', () => {
    expect(search({ q: '' })[0]).toBe('Cà phê Thái');
  });

  it('filters by category, province (any spelling), OCOP stars and price', () => {
    expect(search({ q: 'vai thieu', category: 'dac-san-che-bien' })).toEqual(['Vải thiều sấy khô Thanh Hà']);
    expect(search({ q: 'che', province: 'thai nguyen' })).not.toContain('Cà phê Thái');
    expect(search({ q: '', ocop: 5 })).toEqual(['Vải thiều Thanh Hà']);
    expect(search({ q: 'vai thieu', minPrice: 100_000 })).toEqual(['Vải thiều sấy khô Thanh Hà']);
    expect(search({ q: 'vai thieu', maxPrice: 60_000 })).toEqual(['Vải thiều Thanh Hà']);
  });
});
