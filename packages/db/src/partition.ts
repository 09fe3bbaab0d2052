import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import { withoutKeys } from './keys/foundation.ts';
import { indexes } from './table.ts';

/** A stored item without its key attributes and item type: the record as the use-cases know it. */
export function recordOf<T>(item: Record<string, unknown>): T {
  const { type: _type, ...record } = withoutKeys(item) as Record<string, unknown>;
  return record as T;
}

/** Every item of one partition whose sort key starts with a prefix (all pages), as records. */
export async function recordsUnder<T>(db: Db, prefix: { PK: string; SKPrefix: string }): Promise<T[]> {
  const records: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': prefix.PK, ':sk': prefix.SKPrefix },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) records.push(recordOf<T>(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return records;
}

/** The newest `limit` records under one GSI1 partition (its sort key starts with a time), newest first. */
export async function newestOnOwnerIndex<T>(db: Db, pk: string, limit: number): Promise<T[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: indexes.byOwner.indexName,
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => recordOf<T>(item));
}
