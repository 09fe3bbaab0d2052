import type { RouteDefinition } from '../route-definition.ts';

/** The alerts area's entries of THE route table: a seller's own settings and alerts, nobody else's. */
export const alertsRoutes = [
  { method: 'GET', path: '/alerts', handler: 'alerts/my-alerts', auth: ['farmer', 'vendor'], data: 'read' },
  {
    method: 'GET',
    path: '/alerts/preferences',
    handler: 'alerts/preferences',
    auth: ['farmer', 'vendor'],
    data: 'read',
  },
  {
    method: 'PUT',
    path: '/alerts/preferences',
    handler: 'alerts/set-preferences',
    auth: ['farmer', 'vendor'],
    data: 'readwrite',
  },
  // The VAPID public key a browser subscribes with (public by nature).
  {
    method: 'GET',
    path: '/alerts/push-key',
    handler: 'alerts/push-key',
    auth: 'any',
    data: 'none',
    uses: ['alerts'],
  },
  {
    method: 'POST',
    path: '/alerts/push-subscriptions',
    handler: 'alerts/push-subscribe',
    auth: ['farmer', 'vendor'],
    data: 'readwrite',
  },
  {
    method: 'DELETE',
    path: '/alerts/push-subscriptions',
    handler: 'alerts/push-unsubscribe',
    auth: ['farmer', 'vendor'],
    data: 'readwrite',
  },
] as const satisfies readonly RouteDefinition[];
