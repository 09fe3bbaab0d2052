import { alertPreferencesSchema, setMyAlertPreferences } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { alertsServices } from './services.ts';

export const handler = createHandler(route('PUT /alerts/preferences'), {
  body: alertPreferencesSchema,
  handle: ({ actor, body }) => setMyAlertPreferences(alertsServices(), actor, body),
});
