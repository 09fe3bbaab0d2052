import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type AttemptCounter, windowEnd, windowStart } from '@chophien/core';
import type { Db } from '../client.ts';
import { attemptCounterKey } from '../keys/limits.ts';
import { ttlAttribute } from '../table.ts';

/** Windowed buckets are kept an hour past their window (TTL deletes lazily; the window key already moved on). */
const GRACE_SECONDS = 3600;

/**
 * AttemptCounter on the table: one conditional `ADD` per attempt ("fewer than max so far"), so of N
 * concurrent callers with room for k exactly k are counted, and only they go on to be evaluated.
 */
export function attemptCounter(db: Db): AttemptCounter {
  return {
    async take(bucket, rule, at, keepUntil) {
      const end = windowEnd(rule, at) ?? keepUntil;
      try {
        const result = await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: attemptCounterKey(bucket, windowStart(rule, at)),
            UpdateExpression: `ADD attempts :one SET entity = :entity${end ? ', #ttl = :expires' : ''}`,
            ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :max',
            ExpressionAttributeNames: end ? { '#ttl': ttlAttribute } : undefined,
            ExpressionAttributeValues: {
              ':one': 1,
              ':max': rule.max,
              ':entity': 'Attempts',
              ...(end ? { ':expires': Math.ceil(end.getTime() / 1000) + GRACE_SECONDS } : {}),
            },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return { ok: true, count: Number(result.Attributes?.attempts ?? 1) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const retryAt = windowEnd(rule, at);
        return retryAt ? { ok: false, retryAt } : { ok: false };
      }
    },
    async giveBack(bucket, rule, at) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: attemptCounterKey(bucket, windowStart(rule, at)),
            UpdateExpression: 'ADD attempts :minus',
            ConditionExpression: 'attempts > :zero',
            ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
          }),
        );
      } catch (error) {
        // Nothing counted (or already given back): nothing to return.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
