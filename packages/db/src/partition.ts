import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';
import { withoutKeys } from './keys/foundation.ts';

/**
 * Every item of one partition whose sort key starts with a prefix (all pages), without its key attributes
 * and item type: the records as the use-cases know them.
 */
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
    for (const item of page.Items ?? []) {
      const { type: _type, ...record } = withoutKeys(item) as Record<string, unknown>;
      records.push(record as T);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return records;
}
