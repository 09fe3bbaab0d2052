import { myRecentAlerts } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { alertsServices } from './services.ts';

export const handler = createHandler(route('GET /alerts'), {
  handle: async ({ actor }) => ({ alerts: await myRecentAlerts(alertsServices(), actor) }),
});
