import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type AlertPreferences,
  type AlertStore,
  alertPreferencesSchema,
  type PushSubscription,
  type StoredAlert,
} from '@chophien/core';
import type { Db } from '../client.ts';
import {
  alertKey,
  alertKeys,
  alertPreferencesKey,
  HELD_ALERTS,
  PUSH_SUBSCRIPTION_PREFIX,
  pushSubscriptionKey,
  recentAlertsPk,
} from '../keys/alerts.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { indexes, ttlAttribute } from '../table.ts';

/** Alerts are kept for a year: long enough to answer "was I told?", short enough not to pile up. */
const ALERT_RETENTION_SECONDS = 366 * 24 * 3600;

const toAlert = (item: Record<string, unknown>): StoredAlert => {
  const { entity: _e, [ttlAttribute]: _t, ...rest } = withoutKeys(item) as Record<string, unknown>;
  return rest as unknown as StoredAlert;
};

export function alertStore(db: Db): AlertStore {
  const TableName = db.tableName;
  const conditional = async (run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  };

  const get = async (recipientId: string, key: string) => {
    const result = await db.doc.send(
      new GetCommand({ TableName, Key: alertKey(recipientId, key), ConsistentRead: true }),
    );
    return result.Item ? toAlert(result.Item) : undefined;
  };

  return {
    get,
    async record(alert) {
      const stored = await conditional(() =>
        db.doc.send(
          new PutCommand({
            TableName,
            Item: {
              ...alertKeys(alert),
              ...alert,
              entity: 'Alert',
              [ttlAttribute]: Math.ceil(Date.parse(alert.at) / 1000) + ALERT_RETENTION_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        ),
      );
      return stored ? 'new' : 'duplicate';
    },
    claim(recipientId, key, channel, from) {
      return conditional(() =>
        db.doc.send(
          new UpdateCommand({
            TableName,
            Key: alertKey(recipientId, key),
            UpdateExpression: 'SET deliveries.#ch.#state = :sending',
            ConditionExpression: 'deliveries.#ch.#state = :from',
            ExpressionAttributeNames: { '#ch': channel, '#state': 'state' },
            ExpressionAttributeValues: { ':sending': 'sending', ':from': from },
          }),
        ),
      );
    },
    async settle(recipientId, key, channel, state) {
      await db.doc.send(
        new UpdateCommand({
          TableName,
          Key: alertKey(recipientId, key),
          UpdateExpression: 'SET deliveries.#ch.#state = :state',
          ConditionExpression: 'deliveries.#ch.#state = :sending',
          ExpressionAttributeNames: { '#ch': channel, '#state': 'state' },
          ExpressionAttributeValues: { ':state': state, ':sending': 'sending' },
        }),
      );
    },
    async listHeld(before, limit) {
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          IndexName: indexes.byTime.indexName,
          KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK < :before',
          ExpressionAttributeValues: { ':pk': HELD_ALERTS, ':before': before },
          Limit: limit,
        }),
      );
      // The index is eventually consistent: read each alert itself before acting on it.
      const alerts = await Promise.all(
        (result.Items ?? []).map((item) => get(item.recipientId as string, item.key as string)),
      );
      return alerts.filter((alert): alert is StoredAlert => alert !== undefined);
    },
    async releaseHold(recipientId, key) {
      await db.doc.send(
        new UpdateCommand({
          TableName,
          Key: alertKey(recipientId, key),
          UpdateExpression: 'REMOVE GSI3PK, GSI3SK, heldUntil',
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    },
    async listRecent(recipientId, limit) {
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          IndexName: indexes.byOwner.indexName,
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': recentAlertsPk(recipientId) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map(toAlert);
    },
    async getPreferences(userId) {
      const result = await db.doc.send(new GetCommand({ TableName, Key: alertPreferencesKey(userId) }));
      return result.Item ? alertPreferencesSchema.parse(result.Item.preferences) : undefined;
    },
    async putPreferences(userId, preferences: AlertPreferences) {
      await db.doc.send(
        new PutCommand({
          TableName,
          Item: { ...alertPreferencesKey(userId), entity: 'AlertPreferences', preferences },
        }),
      );
    },
    async listPushSubscriptions(userId) {
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
          ExpressionAttributeValues: {
            ':pk': pushSubscriptionKey(userId, '').PK,
            ':sk': PUSH_SUBSCRIPTION_PREFIX,
          },
        }),
      );
      return (result.Items ?? []).map((item) => item.subscription as PushSubscription);
    },
    async putPushSubscription(userId, subscription) {
      await db.doc.send(
        new PutCommand({
          TableName,
          Item: {
            ...pushSubscriptionKey(userId, subscription.endpoint),
            entity: 'PushSubscription',
            subscription,
          },
        }),
      );
    },
    async removePushSubscription(userId, endpoint) {
      await db.doc.send(new DeleteCommand({ TableName, Key: pushSubscriptionKey(userId, endpoint) }));
    },
  };
}
