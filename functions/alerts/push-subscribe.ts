import { addMyPushSubscription, pushSubscriptionSchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { alertsServices } from './services.ts';

export const handler = createHandler(route('POST /alerts/push-subscriptions'), {
  body: pushSubscriptionSchema,
  handle: ({ actor, body }) => addMyPushSubscription(alertsServices(), actor, body),
});
