// Keys of the alerts area (see docs/decisions/1002-alerts.md and 0002-table-design.md).
import { createHash } from 'node:crypto';
import type { ItemKeys } from './foundation.ts';

/** One alert per event and recipient: the conditional put on this key is the de-duplication. */
export const alertKey = (recipientId: string, key: string) => ({
  PK: `ALERTFOR#${recipientId}`,
  SK: `ALERT#${key}`,
});

/** A person's alerts, newest first (GSI1), and, while a channel waits for quiet hours to end, the held feed (GSI3). */
export const alertKeys = (alert: {
  recipientId: string;
  key: string;
  at: string;
  heldUntil?: string;
}): ItemKeys => ({
  ...alertKey(alert.recipientId, alert.key),
  GSI1PK: recentAlertsPk(alert.recipientId),
  GSI1SK: `${alert.at}#${alert.key}`,
  ...(alert.heldUntil
    ? { GSI3PK: HELD_ALERTS, GSI3SK: `${alert.heldUntil}#${alert.recipientId}#${alert.key}` }
    : {}),
});
export const recentAlertsPk = (recipientId: string) => `USERALERTS#${recipientId}`;
export const HELD_ALERTS = 'ALERTS#held';

export const alertPreferencesKey = (userId: string) => ({ PK: `USER#${userId}`, SK: 'ALERTPREFS' });

/** A browser's push subscription, by the hash of its endpoint (endpoints are long URLs). */
export const pushSubscriptionKey = (userId: string, endpoint: string) => ({
  PK: `USER#${userId}`,
  SK: `${PUSH_SUBSCRIPTION_PREFIX}${createHash('sha256').update(endpoint).digest('base64url')}`,
});
export const PUSH_SUBSCRIPTION_PREFIX = 'PUSHSUB#';
