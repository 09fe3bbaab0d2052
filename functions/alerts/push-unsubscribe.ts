import { removeMyPushSubscription } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { alertsServices } from './services.ts';

export const handler = createHandler(route('DELETE /alerts/push-subscriptions'), {
  body: z.strictObject({ endpoint: z.string().min(1).max(1000) }),
  handle: ({ actor, body }) => removeMyPushSubscription(alertsServices(), actor, body.endpoint),
});
