/** What the alerts need from the outside world: storage (packages/db) and channels (functions/alerts). */
import type { AlertKind, AlertMessage } from './events.ts';
import type { AlertChannelName, AlertPreferences } from './preferences.ts';

/** One channel's state for one alert. `sending` is final unless the send fails and hands the claim back. */
export type DeliveryState = 'pending' | 'held' | 'sending' | 'sent' | 'failed' | 'off';

export interface StoredAlert {
  readonly key: string;
  readonly recipientId: string;
  readonly kind: AlertKind;
  readonly message: AlertMessage;
  readonly at: string;
  /** Per channel chosen for this alert. */
  readonly deliveries: Readonly<
    Partial<Record<AlertChannelName, { state: DeliveryState; notBefore?: string }>>
  >;
  /** Set while any channel waits for the end of quiet hours: when the earliest may go. */
  readonly heldUntil?: string;
}

export interface PushSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface AlertStore {
  /** Stores the alert unless one with its key and recipient exists: the conditional put that makes a duplicate event nothing new. */
  record(alert: StoredAlert): Promise<'new' | 'duplicate'>;
  get(recipientId: string, key: string): Promise<StoredAlert | undefined>;
  /** Moves one channel from `from` to `sending`; true for exactly one caller. */
  claim(recipientId: string, key: string, channel: AlertChannelName, from: DeliveryState): Promise<boolean>;
  /** Settles a claimed channel (`pending` gives the claim back after a failed send). */
  settle(recipientId: string, key: string, channel: AlertChannelName, state: DeliveryState): Promise<void>;
  /** Alerts with a held channel due before `before`, oldest first. */
  listHeld(before: string, limit: number): Promise<StoredAlert[]>;
  /** Clears `heldUntil` once no channel is held any more. */
  releaseHold(recipientId: string, key: string): Promise<void>;
  listRecent(recipientId: string, limit: number): Promise<StoredAlert[]>;

  getPreferences(userId: string): Promise<AlertPreferences | undefined>;
  putPreferences(userId: string, preferences: AlertPreferences): Promise<void>;
  listPushSubscriptions(userId: string): Promise<PushSubscription[]>;
  putPushSubscription(userId: string, subscription: PushSubscription): Promise<void>;
  removePushSubscription(userId: string, endpoint: string): Promise<void>;
}

export interface AlertRecipient {
  readonly userId: string;
  readonly phone: string | undefined;
  readonly pushSubscriptions: readonly PushSubscription[];
}

/**
 * A way to reach a phone. `deliver` resolves when the provider accepted the message; it throws when it did
 * not (the claim is then handed back so the next raise of the same event may try again).
 */
export interface AlertChannel {
  readonly name: AlertChannelName;
  deliver(
    recipient: AlertRecipient,
    message: AlertMessage,
    options: { readonly silent: boolean; readonly tag: string },
  ): Promise<'sent' | 'no_address'>;
}
