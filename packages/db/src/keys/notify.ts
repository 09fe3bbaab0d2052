// Keys of notifications (see packages/db/src/notify/notification-claims.ts).

/** One item per throttled message key (e.g. "clone-sms#<lot id>#<serial>"), expired by TTL after its window. */
export const notificationClaimKey = (key: string) => ({ PK: `NOTIFY#${key}`, SK: 'NOTIFY' });
