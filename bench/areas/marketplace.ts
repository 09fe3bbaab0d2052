import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { type CategorySlug, categorySlugs, type Product } from '@chophien/core';
import { createDb, type Db, productKey, productKeys } from '@chophien/db';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { type BenchArea, percentile } from '../contract.ts';
import { signUpBuyer } from '../support/buyers.ts';

const LISTINGS = 10_000;
const words = {
  'rau-cu': ['Rau cải', 'Cà rốt', 'Hành tím', 'Tỏi', 'Su hào', 'Bắp cải', 'Rau muống'],
  'trai-cay': ['Vải thiều', 'Na dai', 'Bưởi', 'Nhãn lồng', 'Cam sành', 'Xoài cát', 'Thanh long'],
  'che-ca-phe': ['Chè búp', 'Chè móc câu', 'Trà xanh', 'Cà phê Robusta', 'Cà phê Arabica', 'Trà shan tuyết'],
  'gao-ngu-coc': ['Gạo bao thai', 'Gạo nếp', 'Gạo ST25', 'Ngô nếp', 'Đậu xanh'],
  'dac-san-che-bien': ['Miến dong', 'Nem chua', 'Mật ong', 'Bánh đậu xanh', 'Vải sấy', 'Mắm tôm'],
} satisfies Record<CategorySlug, string[]>;
const places = [
  ['Thái Nguyên', 'xã Tân Cương'],
  ['Thái Nguyên', 'xã La Hiên'],
  ['Hải Phòng', 'xã Thanh Hà'],
  ['Thanh Hóa', 'xã Luận Thành'],
  ['Sơn La', 'xã Mộc Châu'],
  ['Lào Cai', 'xã Bắc Hà'],
  ['Đắk Lắk', 'xã Ea Kao'],
] as const;

function generated(i: number): Product {
  const category = categorySlugs[i % categorySlugs.length] as CategorySlug;
  const names = words[category];
  const [province, commune] = places[(i * 7) % places.length] as readonly [string, string];
  const id = `01BENCH${String(i).padStart(19, '0')}`;
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    id,
    slug: `bench-${i}`,
    farmerId: seedId('farmer', (i % 6) + 1),
    title: { vi: `${names[i % names.length]} ${commune.replace('xã ', '')} loại ${(i % 9) + 1}` },
    description: { vi: `Hàng nông hộ ${province}, thu hoạch theo mùa, đóng gói tại vườn.` },
    category,
    baseUnit: 'g',
    packs: [{ id: 'goi', label: { vi: 'Gói 500 g' }, size: 500, priceVnd: 20_000 + (i % 50) * 5_000 }],
    stock: 100_000,
    province,
    commune,
    ...(i % 4 === 0 ? { ocopStars: 3 + (i % 3) } : {}),
    imageUrls: [],
    lotIds: [],
    status: 'published',
    createdAt: at,
    updatedAt: at,
  };
}

async function batchWrite(db: Db, requests: Array<Record<string, unknown>>) {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: unknown[] | undefined = requests.slice(i, i + 25);
    while (pending && pending.length > 0) {
      const result: BatchWriteCommandOutput = await db.doc.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: pending as never } }),
      );
      pending = result.UnprocessedItems?.[db.tableName];
    }
  }
}

async function timed(fn: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await fn();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`bench request failed: ${response.status}`);
  return performance.now() - started;
}

const queries = [
  'che thai nguyen',
  'vai thieu',
  'na la hien',
  'gao st25',
  'mat ong',
  'ca phe',
  'mien dong tan cuong',
  'buoi',
];

export const area: BenchArea = {
  name: 'marketplace',
  needsStack: true,
  floors: {
    'search.p95Ms': { op: '<=', value: 150 },
    'site.productPageKb': { op: '<=', value: 60 },
  },
  async run(ctx) {
    const api = ctx.apiUrl as string;
    const db = createDb();
    const products = Array.from({ length: LISTINGS }, (_, i) => generated(i));
    const started = performance.now();
    await batchWrite(
      db,
      products.map((p) => ({ PutRequest: { Item: { ...productKeys(p), ...p, type: 'Product' } } })),
    );
    ctx.log(`wrote ${LISTINGS} listings in ${Math.round(performance.now() - started)} ms`);
    try {
      // The API keeps its search index up to 30 s; wait until it has seen the generated catalogue.
      for (let attempt = 0; ; attempt += 1) {
        const probe = (await (await fetch(`${api}/search?q=`)).json()) as { total: number };
        if (probe.total >= LISTINGS) break;
        if (attempt > 8)
          throw new Error(`search index holds ${probe.total} listings, expected ≥ ${LISTINGS}`);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
      const searchSamples: number[] = [];
      for (let i = 0; i < 400; i += 1) {
        const q = encodeURIComponent(queries[i % queries.length] as string);
        const filter =
          i % 3 === 0 ? '&province=thai%20nguyen' : i % 3 === 1 ? '&category=trai-cay&ocop=3' : '';
        searchSamples.push(await timed(() => fetch(`${api}/search?q=${q}${filter}`)));
      }

      // 20 buyers at once, 10 rounds, all after the same product (the worst case: one hot pool); every
      // checkout is a different buyer (signUpBuyer says why).
      const signUp = (n: number) => signUpBuyer(api, `+8438${String(n).padStart(7, '0')}`);
      const tokens: string[] = [];
      for (let n = 0; n < 200; n += 20)
        tokens.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => signUp(n + i)))));
      const hot = products[0] as Product;
      const body = JSON.stringify({
        items: [{ productId: hot.id, packId: 'goi', quantity: 1 }],
        fulfilment: 'pickup',
        contact: { name: 'Người mua thử', phone: '0987000001' },
      });
      const checkoutSamples: number[] = [];
      for (let round = 0; round < 10; round += 1) {
        checkoutSamples.push(
          ...(await Promise.all(
            Array.from({ length: 20 }, (_, b) =>
              timed(() =>
                fetch(`${api}/orders`, {
                  method: 'POST',
                  headers: {
                    'content-type': 'application/json',
                    authorization: `Bearer ${tokens[round * 20 + b]}`,
                  },
                  body,
                }),
              ),
            ),
          )),
        );
      }

      let productPageKb = Number.NaN;
      if (ctx.siteUrl) {
        const page = await fetch(`${ctx.siteUrl}/san-pham/che-thai-nguyen-bup-tan-cuong`, {
          headers: { 'accept-encoding': 'gzip, br' },
        });
        // The page inlines its only stylesheet and ships no script: the HTML is everything but images.
        productPageKb = Number(((await page.arrayBuffer()).byteLength / 1024).toFixed(1));
      }
      return {
        'search.listings': LISTINGS,
        'search.p50Ms': Number(percentile(searchSamples, 50).toFixed(1)),
        'search.p95Ms': Number(percentile(searchSamples, 95).toFixed(1)),
        'orders.checkoutP50Ms': Number(percentile(checkoutSamples, 50).toFixed(1)),
        'orders.checkoutP95Ms': Number(percentile(checkoutSamples, 95).toFixed(1)),
        'site.productPageKb': productPageKb,
      };
    } finally {
      await batchWrite(
        db,
        products.map((p) => ({ DeleteRequest: { Key: productKey(p.id) } })),
      );
      db.raw.destroy();
    }
  },
};
