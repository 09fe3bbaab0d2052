/** A person's own alert settings, push subscriptions and recent alerts: only ever their own. */
import * as z from 'zod';
import { forbidden } from '../errors/domain-error.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import type { AlertStore, StoredAlert } from './ports.ts';
import { type AlertPreferences, defaultAlertPreferences } from './preferences.ts';

/** Alerts are for the people who sell: producers and vendors (an officer helping a household sets theirs on their phone). */
const mayGetAlerts = (actor: Actor) => hasRole(actor, 'farmer', 'vendor');

export async function myAlertPreferences(deps: { alerts: AlertStore }, actor: Actor) {
  if (!mayGetAlerts(actor)) throw forbidden('not_a_seller');
  const stored = await deps.alerts.getPreferences(actor.userId);
  return { preferences: stored ?? defaultAlertPreferences, isDefault: stored === undefined };
}

export async function setMyAlertPreferences(
  deps: { alerts: AlertStore },
  actor: Actor,
  preferences: AlertPreferences,
) {
  if (!mayGetAlerts(actor)) throw forbidden('not_a_seller');
  await deps.alerts.putPreferences(actor.userId, preferences);
  return { preferences, isDefault: false };
}

export const pushSubscriptionSchema = z.strictObject({
  // Push services are HTTPS endpoints; anything else is refused before it is stored or posted to.
  endpoint: z.url({ protocol: /^https$/ }).max(1000),
  keys: z.strictObject({
    p256dh: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/),
    auth: z.string().regex(/^[A-Za-z0-9_-]{16,32}$/),
  }),
  expirationTime: z.number().nullable().optional(),
});

export async function addMyPushSubscription(
  deps: { alerts: AlertStore },
  actor: Actor,
  subscription: z.infer<typeof pushSubscriptionSchema>,
) {
  if (!mayGetAlerts(actor)) throw forbidden('not_a_seller');
  await deps.alerts.putPushSubscription(actor.userId, {
    endpoint: subscription.endpoint,
    keys: subscription.keys,
  });
}

export async function removeMyPushSubscription(deps: { alerts: AlertStore }, actor: Actor, endpoint: string) {
  if (!mayGetAlerts(actor)) throw forbidden('not_a_seller');
  await deps.alerts.removePushSubscription(actor.userId, endpoint);
}

export async function myRecentAlerts(deps: { alerts: AlertStore }, actor: Actor): Promise<StoredAlert[]> {
  if (!mayGetAlerts(actor)) throw forbidden('not_a_seller');
  return deps.alerts.listRecent(actor.userId, 50);
}
