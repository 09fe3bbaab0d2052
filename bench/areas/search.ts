/**
 * Catalogue search at 100,000 listings (bench/catalogue.ts), on the local stack's DynamoDB Local:
 * - `search.indexerMs10k`, `search.indexerRcu10k`, `search.snapshotWcu10k`: the scheduled indexer
 *   (SearchIndexer) reading 10,000 listings from DynamoDB Local and publishing their snapshot (read units
 *   grow with the catalogue's bytes: ×10 at 100,000); DynamoDB Local pages a large partition far slower
 *   than DynamoDB (11 min for 100,000, measured), so the 100,000-listing snapshot is built from the same
 *   entries in this process and written by the same code: `search.snapshotKb100k`, `search.snapshotWcu100k`;
 * - `search.coldLoadMs100k` / `search.coldLoadCpuMs100k`: a fresh process runs the search function's bundle
 *   (as synth builds it) with the heap limits Lambda gives a 128 MB function: import, then the first search,
 *   which loads the snapshot (wall on this machine, and CPU: on Lambda the CPU share scales with memory);
 * - `search.peakRssMb100k`: that process's peak resident memory after 240 more searches;
 * - `search.handlerP95Ms100k`: those warm searches inside the function (ranking and the page's BatchGet);
 * - `search.p50Ms100k` / `search.p95Ms100k`: GET /search through the local API, 400 searches;
 * - `search.rcuPerSearch100k`: read units one warm search consumes (the page's 24 listings).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { buildSearchIndex, toSearchEntry } from '@chophien/core';
import {
  createDb,
  type Db,
  productKey,
  productKeys,
  productRepository,
  publishSearchSnapshot,
  readSearchSnapshotPointer,
  writeSearchSnapshot,
} from '@chophien/db';
import { bundleHandler } from '../../infra/aws/src/bundling.ts';
import { repoRoot } from '../../infra/local/src/config.ts';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { benchQueries, generatedListing } from '../catalogue.ts';
import { type BenchArea, percentile } from '../contract.ts';
import { meterCapacity } from '../support/capacity.ts';
import { httpApiEvent, invokeBundle } from '../support/lambda-process.ts';

const LISTINGS = 100_000;
/** Listings the real indexer reads from DynamoDB Local (a large province's catalogue). */
const INDEXED = 10_000;
const WRITERS = 6;

async function batchWrite(db: Db, requests: ReadonlyArray<Record<string, unknown>>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < requests.length) {
        const start = next;
        next += 25;
        let pending: unknown[] | undefined = requests.slice(start, start + 25);
        while (pending && pending.length > 0) {
          const result: BatchWriteCommandOutput = await db.doc.send(
            new BatchWriteCommand({ RequestItems: { [db.tableName]: pending as never } }),
          );
          pending = result.UnprocessedItems?.[db.tableName];
        }
      }
    }),
  );
}

/** A third filter by province, a third by category and OCOP stars, as the search page's filters do. */
const searchEvent = (i: number): Record<string, string> => {
  const filter: Record<string, string> =
    i % 3 === 0 ? { province: 'thai nguyen' } : i % 3 === 1 ? { category: 'trai-cay', ocop: '3' } : {};
  return { q: benchQueries[i % benchQueries.length] as string, ...filter };
};

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`search failed: ${response.status}`);
  return performance.now() - started;
}

export const area: BenchArea = {
  name: 'search',
  needsStack: true,
  floors: {
    'search.p95Ms100k': { op: '<=', value: 50 },
    'search.coldLoadMs100k': { op: '<=', value: 1000 },
    'search.peakRssMb100k': { op: '<=', value: 128 },
  },
  async run(ctx) {
    const api = ctx.apiUrl as string;
    const db = createDb();
    const meter = meterCapacity(db.raw);
    const farmers = Array.from({ length: 6 }, (_, i) => seedId('farmer', i + 1));
    const listings = Array.from({ length: LISTINGS }, (_, i) =>
      generatedListing(i, farmers[i % 6] as string),
    );
    const bundleDir = mkdtempSync(join(tmpdir(), 'chophien-bench-search-'));
    // The seeded catalogue stays searchable beside the generated one.
    const seeded = await productRepository(db).listPublished({ limit: 1000 });
    const put = (from: number, to: number) =>
      batchWrite(
        db,
        listings
          .slice(from, to)
          .map((p) => ({ PutRequest: { Item: { ...productKeys(p), ...p, type: 'Product' } } })),
      );
    let started = performance.now();
    await put(0, INDEXED);
    try {
      // The scheduled indexer as it runs, at a province's scale: DynamoDB Local pages a large partition
      // far slower than DynamoDB does, so 100,000 listings are indexed below from the same entries.
      meter.reset();
      started = performance.now();
      const atScale = await publishSearchSnapshot(db);
      const indexerMs = performance.now() - started;
      const indexer = meter.read();
      ctx.log(
        `indexer over ${atScale.pointer.listings} listings: ${Math.round(indexerMs)} ms, ${indexer.rcu} RCU + ${indexer.wcu} WCU, ${(atScale.pointer.bytes / 1024).toFixed(0)} KB`,
      );
      started = performance.now();
      await put(INDEXED, LISTINGS);
      ctx.log(`wrote ${LISTINGS} listings in all (${Math.round(performance.now() - started)} ms)`);
      meter.reset();
      started = performance.now();
      const published = await writeSearchSnapshot(
        db,
        buildSearchIndex([...listings.map(toSearchEntry), ...seeded.map(toSearchEntry)]),
      );
      const snapshot = meter.read();
      const snapshotKb = published.pointer.bytes / 1024;
      ctx.log(
        `snapshot of ${published.pointer.listings} listings: ${snapshotKb.toFixed(0)} KB in ${published.pointer.chunks} chunks, ${snapshot.wcu} WCU, ${Math.round(performance.now() - started)} ms`,
      );

      // The function as deployed, cold, in 128 MB: import, the first search (loads the snapshot), then warm ones.
      const entry = join(repoRoot, 'functions', 'marketplace', 'search.ts');
      bundleHandler(repoRoot, entry, bundleDir);
      const events = Array.from({ length: benchQueries.length }, (_, i) =>
        httpApiEvent({ method: 'GET', routePath: '/search', path: '/search', query: searchEvent(i) }),
      );
      const cold = await invokeBundle({
        entry: join(bundleDir, 'index.mjs'),
        memoryMb: 128,
        nodeOptions: '--enable-source-maps',
        events: [events[0], ...Array.from({ length: 10 }, () => events).flat()],
      });
      const [first = Number.NaN, ...warm] = cold.durations;
      const coldLoadMs = cold.importMs + first;
      ctx.log(
        `cold: import ${cold.importMs.toFixed(0)} ms + first search ${first.toFixed(0)} ms; CPU ${cold.cpuMs.toFixed(0)} ms in all; peak RSS ${cold.maxRssMb.toFixed(0)} MB; statuses ${JSON.stringify(cold.statuses)}`,
      );
      if (Object.keys(cold.statuses).some((status) => status !== '200')) {
        throw new Error(`search function answered ${JSON.stringify(cold.statuses)}`);
      }
      // CPU of the cold start alone: a second run that stops after the first search.
      const coldOnly = await invokeBundle({
        entry: join(bundleDir, 'index.mjs'),
        memoryMb: 128,
        nodeOptions: '--enable-source-maps',
        events: [events[0]],
      });

      // Through the local API: wait until its index (refreshed every 30 s) holds the generated catalogue.
      for (let attempt = 0; ; attempt += 1) {
        const probe = (await (await fetch(`${api}/search?q=`)).json()) as { total: number };
        if (probe.total >= LISTINGS) break;
        if (attempt > 12) throw new Error(`search holds ${probe.total} listings, expected ≥ ${LISTINGS}`);
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
      const samples: number[] = [];
      for (let i = 0; i < 400; i += 1) {
        samples.push(await timed(`${api}/search?${new URLSearchParams(searchEvent(i))}`));
      }

      // Read units of one warm search: the pointer check and new-listings query come every 30 s, not per search.
      const { cachedSearchSource } = await import('@chophien/db');
      const { rankListings, searchQuerySchema } = await import('@chophien/core');
      const source = cachedSearchSource(db);
      const indexes = await source.indexes();
      meter.reset();
      const page = rankListings(indexes, searchQuerySchema.parse(searchEvent(0)), { offset: 0, limit: 24 });
      await source.listings(page.ids);
      const perSearch = meter.read();

      return {
        'search.listings': LISTINGS,
        'search.indexerMs10k': Math.round(indexerMs),
        'search.indexerRcu10k': Math.round(indexer.rcu),
        'search.snapshotWcu10k': Math.round(indexer.wcu),
        'search.snapshotWcu100k': Math.round(snapshot.wcu),
        'search.snapshotKb100k': Math.round(snapshotKb),
        'search.coldLoadMs100k': Math.round(coldLoadMs),
        'search.coldLoadCpuMs100k': Math.round(coldOnly.cpuMs),
        'search.peakRssMb100k': Math.round(cold.maxRssMb),
        'search.handlerP50Ms100k': Number(percentile(warm, 50).toFixed(1)),
        'search.handlerP95Ms100k': Number(percentile(warm, 95).toFixed(1)),
        'search.p50Ms100k': Number(percentile(samples, 50).toFixed(1)),
        'search.p95Ms100k': Number(percentile(samples, 95).toFixed(1)),
        'search.rcuPerSearch100k': perSearch.rcu,
      };
    } finally {
      rmSync(bundleDir, { recursive: true, force: true });
      await batchWrite(
        db,
        listings.map((p) => ({ DeleteRequest: { Key: productKey(p.id) } })),
      );
      await publishSearchSnapshot(db);
      const pointer = await readSearchSnapshotPointer(db);
      ctx.log(`catalogue restored: ${pointer?.listings} listings in search`);
      db.raw.destroy();
    }
  },
};
