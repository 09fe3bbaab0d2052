import { myAlertPreferences } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { alertsServices } from './services.ts';

export const handler = createHandler(route('GET /alerts/preferences'), {
  // The VAPID public key a browser subscribes with comes along (null while web push is not configured).
  handle: async ({ actor }) => ({
    ...(await myAlertPreferences(alertsServices(), actor)),
    pushKey: alertsServices().config.vapid?.publicKey ?? null,
  }),
});
