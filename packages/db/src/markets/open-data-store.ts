import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { MarketDayAggregate, OpenDataStore } from '@chophien/core';
import type { Db } from '../client.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { openDataDayKey, openDataDayPartition } from '../keys/open-data.ts';

const BATCH = 25;

/** Pre-computed market days (written by the open-data job, read by the public routes). */
export function openDataStore(db: Db): OpenDataStore {
  return {
    async putDays(aggregates) {
      for (let i = 0; i < aggregates.length; i += BATCH) {
        let requests: Record<string, unknown>[] = aggregates.slice(i, i + BATCH).map((aggregate) => ({
          PutRequest: {
            Item: {
              ...openDataDayKey(aggregate.day, aggregate.marketId),
              entity: 'OpenDataDay',
              ...aggregate,
            },
          },
        }));
        // Throttled items come back unprocessed: retried with a short backoff until none are left.
        for (let attempt = 0; requests.length > 0; attempt += 1) {
          if (attempt > 0)
            await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** attempt)));
          const result = await db.doc.send(
            new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }),
          );
          requests = (result.UnprocessedItems?.[db.tableName] ?? []) as Record<string, unknown>[];
          if (attempt > 8 && requests.length > 0) throw new Error('open data: items stayed unprocessed');
        }
      }
    },
    async listDay(day) {
      const items: Record<string, unknown>[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.doc.send(
          new QueryCommand({
            TableName: db.tableName,
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': openDataDayPartition(day) },
            ExclusiveStartKey: start,
          }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items.map((item) => {
        const { entity: _entity, ...aggregate } = withoutKeys(item) as Record<string, unknown>;
        return aggregate as unknown as MarketDayAggregate;
      });
    },
  };
}
