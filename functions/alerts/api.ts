import type { HttpEvent, HttpResult } from '@chophien/http';
import type { Context } from 'aws-lambda';
import { handler as myAlerts } from './my-alerts.ts';
import { handler as preferences } from './preferences.ts';
import { handler as pushSubscribe } from './push-subscribe.ts';
import { handler as pushUnsubscribe } from './push-unsubscribe.ts';
import { handler as setPreferences } from './set-preferences.ts';

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** Every alerts route, one function (functions/books/routes.ts says why); each route keeps its own handler. */
export const byRoute: Readonly<Record<string, Handler>> = {
  'GET /alerts': myAlerts,
  'GET /alerts/preferences': preferences,
  'PUT /alerts/preferences': setPreferences,
  'POST /alerts/push-subscriptions': pushSubscribe,
  'DELETE /alerts/push-subscriptions': pushUnsubscribe,
};

export const handler: Handler = async (event, context) => {
  const route = byRoute[event.routeKey];
  if (route) return route(event, context);
  return {
    statusCode: 404,
    headers: { 'content-type': 'application/json' },
    body: '{"error":{"code":"not_found"}}',
  };
};
