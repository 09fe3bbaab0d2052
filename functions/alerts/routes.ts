import type { RouteDefinition } from '../route-definition.ts';

/**
 * The alerts area's entries of THE route table: a seller's own settings and alerts, nobody else's.
 */
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
