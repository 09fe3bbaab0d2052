import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Product } from '@chophien/core';
import { type Db, productKey, productRepository } from '@chophien/db';
import { ulid } from 'ulid';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import type { TestApi } from '../../support/api.ts';

export const phones = {
  farmer1: '+84912000001',
  farmer2: '+84912000002',
  farmer3: '+84912000003',
  buyer: '+84987000001',
  vendor: '+84987000011',
  manager: '+84987000021',
  officer: '+84987000031',
  admin: '+84987000041',
} as const;

export const TEA = seedId('prod', 1); // farmer 1, packs 100 g / 500 g / 1 kg from one pool in g
export const CUSTARD_APPLE = seedId('prod', 4); // farmer 2
export const farmer1Account = { bin: '970405', accountNumber: '3904205123001' };

export const contact = {
  name: 'Trần Minh Anh',
  phone: '0987000001',
  address: 'Số 5 Hàng Bạc, Hoàn Kiếm, Hà Nội',
};

/** A fresh published product of farmer 3 with a small stock, so tests do not share a pool. */
export async function freshProduct(
  db: Db,
  stock: number,
  packs: Array<[id: string, size: number, priceVnd: number]>,
) {
  const id = ulid();
  const now = new Date().toISOString();
  const product: Product = {
    id,
    slug: `thu-nghiem-${id.toLowerCase()}`,
    farmerId: seedId('farmer', 3),
    title: { vi: 'Miến dong thử nghiệm', en: 'Test glass noodles' },
    description: { vi: 'Dùng cho kiểm thử.' },
    category: 'dac-san-che-bien',
    baseUnit: 'piece',
    packs: packs.map(([packId, size, priceVnd]) => ({ id: packId, label: { vi: packId }, size, priceVnd })),
    stock,
    province: 'Thái Nguyên',
    imageUrls: [],
    lotIds: [],
    status: 'published',
    createdAt: now,
    updatedAt: now,
  };
  await productRepository(db).put(product);
  return product;
}

export async function stockOf(db: Db, productId: string): Promise<number> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: productKey(productId), ConsistentRead: true }),
  );
  return result.Item?.stock as number;
}

/** The slices of response bodies the tests read. */
export interface OrderJson {
  id: string;
  status: string;
  lines: Array<{ productId: string; packSize: number }>;
}
export interface FieldJson {
  path: string;
  message?: unknown;
}

let buyersMade = 0;
/**
 * A new buyer, signed up the way a person is (phone + one-time code at the dev identity provider). Each
 * real buyer may hold only a few unpaid checkouts and place a few an hour (decision 0903), so tests that
 * leave orders unpaid, or race many checkouts, give each checkout its own buyer, as the real world does.
 */
export async function newBuyerToken(api: TestApi): Promise<string> {
  buyersMade += 1;
  const phone = `+8439${String(process.pid % 1000).padStart(3, '0')}${String(buyersMade).padStart(4, '0')}`;
  const asked = await api.request('POST', '/dev/otp', { body: { phone } });
  if (asked.status !== 200) throw new Error(`no code for ${phone}: ${asked.text}`);
  const verified = await api.request('POST', '/dev/otp/verify', {
    body: { phone, code: asked.json.devCode },
  });
  if (verified.status !== 200) throw new Error(`no sign-up for ${phone}: ${verified.text}`);
  return verified.json.token as string;
}
