import type { RouteDefinition } from '../route-definition.ts';

/**
 * The province console's entries of THE route table (functions/routes.ts concatenates every area's list).
 * Admins only, except invitations: a market manager brings in vendors, a commune officer households of
 * their commune (core decides per grant; decision 0800).
 */
export const adminRoutes = [
  { method: 'GET', path: '/admin/markets', handler: 'admin/list-markets', auth: ['admin'], data: 'read' },
  {
    method: 'POST',
    path: '/admin/markets',
    handler: 'admin/create-market',
    auth: ['admin'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/admin/markets/{marketId}',
    handler: 'admin/get-market',
    auth: ['admin'],
    data: 'read',
  },
  {
    method: 'PATCH',
    path: '/admin/markets/{marketId}',
    handler: 'admin/update-market',
    auth: ['admin'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/admin/markets/{marketId}/status',
    handler: 'admin/set-market-status',
    auth: ['admin'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/admin/markets/{marketId}/zones',
    handler: 'admin/create-zone',
    auth: ['admin'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/admin/markets/{marketId}/stalls',
    handler: 'admin/create-stall',
    auth: ['admin'],
    data: 'readwrite',
    uses: ['sms', 'siteUrl', 'identityAdmin'],
  },
  { method: 'GET', path: '/admin/people', handler: 'admin/list-people', auth: ['admin'], data: 'read' },
  {
    method: 'POST',
    path: '/admin/people/invitations',
    handler: 'admin/invite-person',
    auth: ['admin', 'market_manager', 'commune_officer'],
    data: 'readwrite',
    uses: ['sms', 'siteUrl', 'identityAdmin'],
  },
  {
    method: 'GET',
    path: '/admin/people/{userId}',
    handler: 'admin/get-person',
    auth: ['admin'],
    data: 'read',
  },
  {
    method: 'PUT',
    path: '/admin/people/{userId}/grants',
    handler: 'admin/set-grants',
    auth: ['admin'],
    data: 'readwrite',
    uses: ['identityAdmin'],
  },
  {
    method: 'POST',
    path: '/admin/people/{userId}/status',
    handler: 'admin/set-person-status',
    auth: ['admin'],
    data: 'readwrite',
    uses: ['identityAdmin'],
  },
  { method: 'GET', path: '/admin/audit', handler: 'admin/list-audit', auth: ['admin'], data: 'read' },
  { method: 'GET', path: '/admin/audit.csv', handler: 'admin/audit-csv', auth: ['admin'], data: 'read' },
] as const satisfies readonly RouteDefinition[];
