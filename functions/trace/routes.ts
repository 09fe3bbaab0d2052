import type { RouteDefinition } from '../route-definition.ts';

/** The trace area's entries of THE route table (functions/routes.ts concatenates every area's list). */
export const traceRoutes = [
  {
    method: 'POST',
    path: '/trace/farms',
    handler: 'trace/create-farm',
    auth: ['farmer', 'commune_officer'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/trace/farms',
    handler: 'trace/list-farms',
    auth: ['farmer'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/trace/farms/{farmId}/lots',
    handler: 'trace/list-lots',
    auth: ['farmer', 'commune_officer'],
    data: 'read',
  },
  {
    method: 'POST',
    path: '/trace/farms/{farmId}/lots',
    handler: 'trace/create-lot',
    auth: ['farmer', 'commune_officer'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/trace/lots/{lotId}/events',
    handler: 'trace/record-event',
    auth: ['farmer', 'commune_officer'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/trace/lots/{lotId}/serials',
    handler: 'trace/issue-serials',
    auth: ['farmer', 'commune_officer'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/trace/lots/{lotId}/labels',
    handler: 'trace/lot-labels',
    auth: ['farmer', 'commune_officer'],
    data: 'read',
  },
  { method: 'GET', path: '/trace/alerts', handler: 'trace/clone-alerts', auth: ['farmer'], data: 'read' },
  { method: 'GET', path: '/epcis/events', handler: 'trace/epcis-events', auth: 'public', data: 'read' },
  // The resolver: GS1 Digital Link paths and the platform's lot-level form for products without a GTIN.
  { method: 'GET', path: '/01/{gtin}/10/{lot}', handler: 'trace/resolve-lot', auth: 'public', data: 'read' },
  {
    method: 'GET',
    path: '/01/{gtin}/10/{lot}/21/{serial}',
    handler: 'trace/resolve-serial',
    auth: 'public',
    data: 'read',
  },
  { method: 'GET', path: '/l/{lot}', handler: 'trace/resolve-platform-lot', auth: 'public', data: 'read' },
  {
    method: 'GET',
    path: '/l/{lot}/s/{serial}',
    handler: 'trace/resolve-platform-serial',
    auth: 'public',
    data: 'read',
  },
] as const satisfies readonly RouteDefinition[];
