import { createHash, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  categorySlugs,
  decodeSearchIndex,
  encodeSearchIndex,
  idOf,
  type SearchIndex,
  SearchIndexBuilder,
  searchableFields,
  toSearchEntry,
} from '@chophien/core';
import * as z from 'zod';
import { batchGetItems } from '../batch-get.ts';
import type { Db } from '../client.ts';
import { catalogByStatus, productKeys } from '../keys/foundation.ts';
import { searchSnapshotChunkKey, searchSnapshotPointerKey } from '../keys/search.ts';
import { ttlAttribute } from '../table.ts';

/** Under DynamoDB's 400 KB item limit with room for the keys. */
const CHUNK_BYTES = 350_000;
/** One BatchGetItem reads at most 100 keys. */
const MAX_CHUNKS = 100;
/** Chunks outlive any reader of their version; the indexer rewrites an unchanged snapshot before then. */
const CHUNK_TTL_SECONDS = 7 * 24 * 3600;
const REWRITE_UNCHANGED_AFTER_MS = 3 * 24 * 3600 * 1000;

const pointerSchema = z.object({
  version: z.string(),
  chunks: z.number().int().min(1),
  bytes: z.number().int().min(0),
  listings: z.number().int().min(0),
  sha256: z.string(),
  builtAt: z.string(),
  /** The catalog index's sort key of the newest listing in the snapshot: newer ones are read fresh. */
  newest: z.string(),
});
export type SearchSnapshotPointer = z.infer<typeof pointerSchema>;

const localized = z.object({ vi: z.string(), en: z.string().optional() });
/** What a catalogue item must hold to be searched (items are written through validated paths; this guards the indexer). */
const searchableSchema = z.object({
  id: z.string(),
  title: localized,
  description: localized,
  category: z.enum(categorySlugs),
  province: z.string(),
  commune: z.string().optional(),
  ocopStars: z.number().optional(),
  packs: z.array(z.object({ priceVnd: z.number() })).min(1),
  createdAt: z.string(),
});

/**
 * Published listings folded into an index, read page by page from the catalog index (GSI3
 * CATALOG#published, sorted by `createdAt#id`); `after` reads only listings newer than that key.
 */
export async function indexPublishedListings(db: Db, after?: string): Promise<SearchIndex> {
  const { index, pk } = catalogByStatus('published');
  const builder = new SearchIndexBuilder();
  const names = Object.fromEntries(searchableFields.map((field, i) => [`#f${i}`, field]));
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: after ? '#pk = :pk AND #sk > :after' : '#pk = :pk',
        ExpressionAttributeNames: {
          '#pk': index.partitionKey,
          ...(after ? { '#sk': index.sortKey } : {}),
          ...names,
        },
        ExpressionAttributeValues: { ':pk': pk, ...(after ? { ':after': after } : {}) },
        ProjectionExpression: Object.keys(names).join(', '),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const parsed = searchableSchema.safeParse(item);
      // A listing the catalogue cannot read is left out of search rather than stopping it for everyone.
      if (!parsed.success) continue;
      builder.add(toSearchEntry(parsed.data));
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return builder.build();
}

/** GSI3SK of the index's newest listing (the catalog index's own key, keys/foundation.ts), or '' when empty. */
const newestKey = (index: SearchIndex): string =>
  index.size === 0
    ? ''
    : (productKeys({
        id: idOf(index, 0),
        createdAt: index.newestCreatedAt,
        farmerId: '',
        slug: '',
        status: 'published',
      }).GSI3SK as string);

export async function readSearchSnapshotPointer(db: Db): Promise<SearchSnapshotPointer | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.tableName, Key: searchSnapshotPointerKey() }),
  );
  const parsed = pointerSchema.safeParse(result.Item);
  return parsed.success ? parsed.data : undefined;
}

/** The snapshot's chunks in one BatchGet (at most 100 chunks: 35 MB of compressed index). */
export async function loadSearchSnapshot(db: Db, pointer: SearchSnapshotPointer): Promise<SearchIndex> {
  const keys = Array.from({ length: pointer.chunks }, (_, i) => searchSnapshotChunkKey(pointer.version, i));
  const items = await batchGetItems(db, keys, { expression: 'SK, #d', names: { '#d': 'data' } });
  const parts = new Map(items.map((item) => [item.SK as string, item.data as Uint8Array]));
  const ordered = Array.from({ length: pointer.chunks }, (_, i) => {
    const part = parts.get(searchSnapshotChunkKey(pointer.version, i).SK);
    if (!part) throw new Error(`search snapshot ${pointer.version} lost chunk ${i}`);
    return part;
  });
  const zipped = Buffer.concat(ordered);
  if (zipped.length !== pointer.bytes) throw new Error(`search snapshot ${pointer.version} is incomplete`);
  return decodeSearchIndex(gunzipSync(zipped));
}

export interface SnapshotPublication {
  readonly written: boolean;
  readonly pointer: SearchSnapshotPointer;
}

/**
 * The indexer's one step: the whole catalogue folded (`indexPublishedListings`) and published
 * (`writeSearchSnapshot`).
 */
export async function publishSearchSnapshot(
  db: Db,
  options: { readonly now?: Date; readonly chunkBytes?: number } = {},
): Promise<SnapshotPublication> {
  return writeSearchSnapshot(db, await indexPublishedListings(db), options);
}

/**
 * An index compressed and compared with the snapshot in use; written (new version, then the pointer)
 * only when it differs or is about to expire, so a quiet catalogue costs reads only. Two indexers racing
 * cannot move the pointer back in time.
 */
export async function writeSearchSnapshot(
  db: Db,
  index: SearchIndex,
  options: { readonly now?: Date; readonly chunkBytes?: number } = {},
): Promise<SnapshotPublication> {
  const now = options.now ?? new Date();
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const zipped = gzipSync(encodeSearchIndex(index), { level: 6 });
  const sha256 = createHash('sha256').update(zipped).digest('hex');
  const current = await readSearchSnapshotPointer(db);
  if (
    current &&
    current.sha256 === sha256 &&
    now.getTime() - Date.parse(current.builtAt) < REWRITE_UNCHANGED_AFTER_MS
  ) {
    return { written: false, pointer: current };
  }
  const builtAt = now.toISOString();
  const pointer: SearchSnapshotPointer = {
    version: `${builtAt}-${randomBytes(4).toString('hex')}`,
    chunks: Math.max(1, Math.ceil(zipped.length / chunkBytes)),
    bytes: zipped.length,
    listings: index.size,
    sha256,
    builtAt,
    newest: newestKey(index),
  };
  if (pointer.chunks > MAX_CHUNKS) {
    // Past ~35 MB compressed (millions of listings) one BatchGet cannot load it: the move to a search
    // engine that decision 0620 describes is due.
    throw new Error(
      `search snapshot of ${zipped.length} bytes needs ${pointer.chunks} chunks (max ${MAX_CHUNKS})`,
    );
  }
  const expires = Math.floor(now.getTime() / 1000) + CHUNK_TTL_SECONDS;
  for (let i = 0; i < pointer.chunks; i++) {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: {
          ...searchSnapshotChunkKey(pointer.version, i),
          type: 'SearchSnapshotChunk',
          data: zipped.subarray(i * chunkBytes, (i + 1) * chunkBytes),
          [ttlAttribute]: expires,
        },
      }),
    );
  }
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.tableName,
        Item: { ...searchSnapshotPointerKey(), type: 'SearchSnapshot', ...pointer },
        ConditionExpression: 'attribute_not_exists(PK) OR builtAt < :builtAt',
        ExpressionAttributeValues: { ':builtAt': builtAt },
      }),
    );
  } catch (error) {
    if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
    // A newer snapshot was published meanwhile; this one's chunks simply expire.
    return { written: false, pointer: (await readSearchSnapshotPointer(db)) ?? pointer };
  }
  return { written: true, pointer };
}
