import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { rankListings, searchQuerySchema } from '@chophien/core';
import {
  cachedSearchSource,
  publishSearchSnapshot,
  readSearchSnapshotPointer,
  searchSnapshotChunkKey,
} from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { phones } from './fixtures.ts';

// Every search re-reads the pointer and the listings published since the snapshot (no 30 s cache).
process.env.SEARCH_INDEX_MAX_AGE_MS = '0';

let api: TestApi;
let farmer: string;
beforeAll(async () => {
  api = await startTestApi();
  farmer = await api.tokenFor({ phone: phones.farmer1 });
});
afterAll(async () => {
  await api?.stop();
});

const listing = (title: string) => ({
  title: { vi: title },
  description: { vi: 'Hàng thử nghiệm tìm kiếm, hái sáng nay.' },
  category: 'trai-cay',
  baseUnit: 'g',
  stock: 10_000,
  packs: [{ id: '1kg', label: { vi: 'Túi 1 kg' }, size: 1000, priceVnd: 35_000 }],
  province: 'Thái Nguyên',
  commune: 'xã La Hiên',
  status: 'published',
});

const found = async (q: string) => {
  const response = await api.request('GET', `/search?q=${encodeURIComponent(q)}`);
  expect(response.status).toBe(200);
  return response.json as { total: number; results: Array<{ id: string; title: { vi: string } }> };
};

describe('search from the published snapshot (connected)', () => {
  it('the local stack publishes a snapshot of every published listing at start, and search answers from it', async () => {
    const pointer = await readSearchSnapshotPointer(api.db);
    expect(pointer?.listings).toBeGreaterThanOrEqual(15);
    expect((await found('vai thieu')).results[0]?.title.vi).toBe('Vải thiều Thanh Hà');
  });

  it('a listing published after the snapshot is found at once; the next snapshot holds it and nothing is lost', async () => {
    const before = await readSearchSnapshotPointer(api.db);
    const created = await api.request('POST', '/listings', {
      token: farmer,
      body: listing('Mận hậu Bắc Hà sớm'),
    });
    expect(created.status).toBe(201);
    expect((await found('man hau bac ha')).results.map((p) => p.id)).toEqual([created.json.id]);

    const published = await publishSearchSnapshot(api.db);
    expect(published.written).toBe(true);
    expect(published.pointer.listings).toBe((before?.listings ?? 0) + 1);
    expect((await found('man hau bac ha')).results.map((p) => p.id)).toEqual([created.json.id]);
  });

  it('an archived listing leaves the results at once, before the next snapshot', async () => {
    const created = await api.request('POST', '/listings', {
      token: farmer,
      body: listing('Hồng không hạt Bảo Lạc'),
    });
    await publishSearchSnapshot(api.db);
    expect((await found('hong khong hat')).results.map((p) => p.id)).toContain(created.json.id);
    const archived = await api.request('POST', `/listings/${created.json.id}/status`, {
      token: farmer,
      body: { status: 'archived' },
    });
    expect(archived.status).toBe(200);
    expect((await found('hong khong hat')).results.map((p) => p.id)).not.toContain(created.json.id);
  });

  it('an unchanged catalogue writes nothing; one split over several chunks loads whole', async () => {
    await publishSearchSnapshot(api.db);
    const again = await publishSearchSnapshot(api.db);
    expect(again.written).toBe(false);

    await api.request('POST', '/listings', { token: farmer, body: listing('Bơ sáp Mộc Châu') });
    const split = await publishSearchSnapshot(api.db, { chunkBytes: 500 });
    expect(split.written).toBe(true);
    expect(split.pointer.chunks).toBeGreaterThan(2);
    const source = cachedSearchSource(api.db, { maxAgeMs: 60_000 });
    const indexes = await source.indexes();
    expect(indexes).toHaveLength(1);
    const page = rankListings(indexes, searchQuerySchema.parse({ q: 'bo sap moc chau' }), {
      offset: 0,
      limit: 5,
    });
    expect((await source.listings(page.ids))[0]?.title.vi).toBe('Bơ sáp Mộc Châu');
  });

  it('two indexers at once leave one current snapshot, and exactly one of them wrote it', async () => {
    await api.request('POST', '/listings', { token: farmer, body: listing('Quýt vàng Bắc Sơn') });
    const at = new Date(Date.now() + 5000);
    const [a, b] = await Promise.all([
      publishSearchSnapshot(api.db, { now: at, chunkBytes: 700 }),
      publishSearchSnapshot(api.db, { now: at, chunkBytes: 700 }),
    ]);
    const current = await readSearchSnapshotPointer(api.db);
    expect(a.pointer).toEqual(current);
    expect(b.pointer).toEqual(current);
    expect([a.written, b.written].filter(Boolean)).toHaveLength(1);
  });

  it('a snapshot missing a chunk is never loaded in part: search reads the catalogue instead and says so', async () => {
    const current = await readSearchSnapshotPointer(api.db);
    expect(current?.chunks).toBeGreaterThan(1);
    await api.db.doc.send(
      new DeleteCommand({ TableName: api.db.tableName, Key: searchSnapshotChunkKey(current!.version, 1) }),
    );
    const errors: unknown[] = [];
    const source = cachedSearchSource(api.db, { onSnapshotError: (error) => errors.push(error) });
    const page = rankListings(await source.indexes(), searchQuerySchema.parse({ q: 'quyt vang bac son' }), {
      offset: 0,
      limit: 5,
    });
    expect((await source.listings(page.ids)).map((p) => p.title.vi)).toEqual(['Quýt vàng Bắc Sơn']);
    expect(String(errors[0])).toMatch(/lost chunk 1/);
  });
});
