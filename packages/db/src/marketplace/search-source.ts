import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Product,
  productSchema,
  type SearchDocument,
  type SearchIndexSource,
  toSearchDocument,
} from '@chophien/core';
import type { Db } from '../client.ts';
import { catalogByStatus, withoutKeys } from '../keys/foundation.ts';

/** Every published listing, page by page from the catalog index (GSI3 CATALOG#published). */
export async function readPublishedListings(db: Db): Promise<Product[]> {
  const { index, pk } = catalogByStatus('published');
  const products: Product[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) products.push(productSchema.parse(withoutKeys(item)));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return products;
}

/**
 * The search index held in memory per container, rebuilt when older than `maxAgeMs`: at the scale
 * of a province (thousands of listings) one catalog read serves many searches. A new listing shows
 * up in search within `maxAgeMs` (see docs/decisions/0602-marketplace-search.md).
 */
export function cachedSearchSource(
  db: Db,
  options: { maxAgeMs?: number; now?: () => number } = {},
): SearchIndexSource {
  const maxAgeMs = options.maxAgeMs ?? 30_000;
  const now = options.now ?? Date.now;
  let built: { at: number; docs: Promise<readonly SearchDocument[]> } | undefined;
  return {
    documents() {
      if (!built || now() - built.at > maxAgeMs) {
        const docs = readPublishedListings(db).then((products) => products.map(toSearchDocument));
        built = { at: now(), docs };
        // A failed read must not be cached.
        docs.catch(() => {
          built = undefined;
        });
      }
      return built.docs;
    },
  };
}
