import type { RouteDefinition } from '../route-definition.ts';

/**
 * The alerts area's entries of THE route table: a seller's own settings and alerts, nobody else's. One
 * function (alerts/api.ts) serves them all (see functions/books/routes.ts for why).
 */
export const alertsRoutes = [
  { method: 'GET', path: '/alerts', handler: 'alerts/api', auth: ['farmer', 'vendor'], data: 'read' },
  {
    method: 'GET',
    path: '/alerts/preferences',
    handler: 'alerts/api',
    auth: ['farmer', 'vendor'],
    data: 'read',
  },
  {
    method: 'PUT',
    path: '/alerts/preferences',
    handler: 'alerts/api',
    auth: ['farmer', 'vendor'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/alerts/push-subscriptions',
    handler: 'alerts/api',
    auth: ['farmer', 'vendor'],
    data: 'readwrite',
  },
  {
    method: 'DELETE',
    path: '/alerts/push-subscriptions',
    handler: 'alerts/api',
    auth: ['farmer', 'vendor'],
    data: 'readwrite',
  },
] as const satisfies readonly RouteDefinition[];
