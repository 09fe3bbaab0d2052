/**
 * Raising an alert: once per event and recipient (a conditional put), then each chosen channel once (a
 * conditional claim per channel). A duplicate raise delivers nothing new, but finishes a channel an earlier
 * attempt handed back. A failing channel never fails the caller: a payment or an order matters more than
 * its alert, which stays stored and visible on the person's alert page.
 */
import type { UserRepository } from '../identity/profile.ts';
import { type AlertEvent, alertKey, alertMessage } from './events.ts';
import type { AlertChannel, AlertRecipient, AlertStore, DeliveryState, StoredAlert } from './ports.ts';
import { type AlertChannelName, alertChannels, defaultAlertPreferences, quietUntil } from './preferences.ts';

export interface AlertDeps {
  readonly alerts: AlertStore;
  readonly users: Pick<UserRepository, 'get'>;
  /** The channels this runtime can use (Zalo only with credentials). */
  readonly channels: readonly AlertChannel[];
  readonly clock: { now(): Date };
  readonly log?: (message: string, facts: Record<string, string>) => void;
}

/** The one function every source of events calls (payments, orders, stock, refund cases). */
export type RaiseAlert = (event: AlertEvent) => Promise<void>;

async function recipientOf(deps: AlertDeps, userId: string): Promise<AlertRecipient> {
  const [profile, pushSubscriptions] = await Promise.all([
    deps.users.get(userId),
    deps.alerts.listPushSubscriptions(userId),
  ]);
  return { userId, phone: profile?.phone, pushSubscriptions };
}

async function deliverChannel(
  deps: AlertDeps,
  alert: StoredAlert,
  channel: AlertChannel,
  from: DeliveryState,
  recipient: AlertRecipient,
  silent: boolean,
): Promise<void> {
  if (!(await deps.alerts.claim(alert.recipientId, alert.key, channel.name, from))) return;
  try {
    const outcome = await channel.deliver(recipient, alert.message, { silent, tag: alert.key });
    await deps.alerts.settle(alert.recipientId, alert.key, channel.name, outcome === 'sent' ? 'sent' : 'off');
  } catch (error) {
    deps.log?.('alert not delivered', {
      channel: channel.name,
      kind: alert.kind,
      error: error instanceof Error ? error.name : 'unknown',
    });
    await deps.alerts.settle(alert.recipientId, alert.key, channel.name, from).catch(() => undefined);
  }
}

async function deliverAll(
  deps: AlertDeps,
  alert: StoredAlert,
  states: readonly DeliveryState[],
  silent: boolean,
) {
  const due = deps.channels.filter((channel) => {
    const state = alert.deliveries[channel.name]?.state;
    return state !== undefined && states.includes(state);
  });
  if (due.length === 0) return;
  const recipient = await recipientOf(deps, alert.recipientId);
  await Promise.all(
    due.map((channel) =>
      deliverChannel(deps, alert, channel, alert.deliveries[channel.name]!.state, recipient, silent),
    ),
  );
}

export async function raiseAlert(deps: AlertDeps, event: AlertEvent): Promise<void> {
  try {
    const now = deps.clock.now();
    const preferences = (await deps.alerts.getPreferences(event.recipientId)) ?? defaultAlertPreferences;
    const choice = preferences.kinds[event.kind];
    const quietEnd = quietUntil(preferences.quietHours, now);
    const available = new Set(deps.channels.map((channel) => channel.name));
    const deliveries: Partial<Record<AlertChannelName, { state: DeliveryState; notBefore?: string }>> = {};
    for (const name of alertChannels) {
      if (!choice[name] || !available.has(name)) continue;
      // Quiet hours: a push arrives without sound; an SMS or a Zalo message waits for the morning.
      deliveries[name] =
        quietEnd && name !== 'push' ? { state: 'held', notBefore: quietEnd } : { state: 'pending' };
    }
    const held = Object.values(deliveries).some((d) => d.state === 'held');
    const alert: StoredAlert = {
      key: alertKey(event),
      recipientId: event.recipientId,
      kind: event.kind,
      message: alertMessage(event),
      at: event.at,
      deliveries,
      ...(held && quietEnd ? { heldUntil: quietEnd } : {}),
    };
    const recorded = await deps.alerts.record(alert);
    const current = recorded === 'new' ? alert : await deps.alerts.get(event.recipientId, alert.key);
    if (current) await deliverAll(deps, current, ['pending'], quietEnd !== undefined);
  } catch (error) {
    deps.log?.('alert not raised', {
      kind: event.kind,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}

/** The scheduled end of quiet hours: sends what waited. */
export async function releaseHeldAlerts(deps: AlertDeps, limit = 100): Promise<number> {
  const now = deps.clock.now().toISOString();
  const alerts = await deps.alerts.listHeld(now, limit);
  for (const alert of alerts) {
    await deliverAll(deps, alert, ['held'], false);
    await deps.alerts.releaseHold(alert.recipientId, alert.key);
  }
  return alerts.length;
}
