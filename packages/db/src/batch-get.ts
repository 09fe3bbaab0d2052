import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.ts';

/**
 * Every item of `keys` that exists (≤ 100 keys, one BatchGetItem), in no particular order. DynamoDB may
 * leave keys unprocessed when throttled or past 16 MB; those are asked again after a short pause.
 */
export async function batchGetItems(
  db: Db,
  keys: readonly Record<string, unknown>[],
  projection?: { expression: string; names: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] | undefined = [...keys];
  for (let attempt = 0; pending && pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
    const result: BatchGetCommandOutput = await db.doc.send(
      new BatchGetCommand({
        RequestItems: {
          [db.tableName]: {
            Keys: pending,
            ...(projection
              ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names }
              : {}),
          },
        },
      }),
    );
    items.push(...(result.Responses?.[db.tableName] ?? []));
    pending = result.UnprocessedKeys?.[db.tableName]?.Keys;
  }
  return items;
}
