import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NotificationClaims } from '@chophien/core';
import type { Db } from '../client.ts';
import { notificationClaimKey } from '../keys/notify.ts';
import { ttlAttribute } from '../table.ts';

/**
 * NotificationClaims on the table: one conditional update per claim ("no claim yet, or the last one is older
 * than the window"), so concurrent callers get exactly one winner. The item expires by TTL once the window
 * has passed; until DynamoDB removes it the condition still lets the next claim through.
 */
export function notificationClaims(db: Db): NotificationClaims {
  return {
    async claim(key, at, windowMs) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: notificationClaimKey(key),
            UpdateExpression: 'SET claimedAt = :at, entity = :entity, #ttl = :expires',
            ConditionExpression: 'attribute_not_exists(PK) OR claimedAt <= :cutoff',
            ExpressionAttributeNames: { '#ttl': ttlAttribute },
            ExpressionAttributeValues: {
              ':at': at.toISOString(),
              ':cutoff': new Date(at.getTime() - windowMs).toISOString(),
              ':entity': 'NotificationClaim',
              ':expires': Math.ceil((at.getTime() + windowMs) / 1000) + 3600,
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async release(key, at) {
      try {
        await db.doc.send(
          new DeleteCommand({
            TableName: db.tableName,
            Key: notificationClaimKey(key),
            ConditionExpression: 'claimedAt = :at',
            ExpressionAttributeValues: { ':at': at.toISOString() },
          }),
        );
      } catch (error) {
        // Someone else's later claim: theirs stands.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
