import { myAlertPreferences } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { alertsServices } from './services.ts';

export const handler = createHandler(route('GET /alerts/preferences'), {
  handle: ({ actor }) => myAlertPreferences(alertsServices(), actor),
});
