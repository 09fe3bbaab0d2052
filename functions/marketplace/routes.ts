import type { RouteDefinition } from '../route-definition.ts';

/** The marketplace area's entries of THE route table (functions/routes.ts concatenates every area's list). */
export const marketplaceRoutes = [
  { method: 'POST', path: '/orders', handler: 'marketplace/place-orders', auth: 'any', data: 'readwrite' },
  { method: 'GET', path: '/orders', handler: 'marketplace/my-orders', auth: 'any', data: 'read' },
  { method: 'GET', path: '/orders/{id}', handler: 'marketplace/get-order', auth: 'any', data: 'read' },
  {
    method: 'POST',
    path: '/orders/{id}/status',
    handler: 'marketplace/move-order',
    auth: 'any',
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/seller/orders',
    handler: 'marketplace/seller-orders',
    auth: ['farmer'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/seller/payout-account',
    handler: 'marketplace/get-payout-account',
    auth: ['farmer'],
    data: 'read',
  },
  {
    method: 'PUT',
    path: '/seller/payout-account',
    handler: 'marketplace/set-payout-account',
    auth: ['farmer'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/admin/orders/sweep',
    handler: 'marketplace/sweep-orders',
    auth: ['admin'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/listings',
    handler: 'marketplace/create-listing',
    auth: ['farmer', 'commune_officer'],
    data: 'readwrite',
  },
  {
    method: 'PATCH',
    path: '/listings/{id}',
    handler: 'marketplace/update-listing',
    auth: ['farmer', 'commune_officer'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/listings/{id}/status',
    handler: 'marketplace/set-listing-status',
    auth: ['farmer', 'commune_officer', 'admin'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/listings/{id}/stock',
    handler: 'marketplace/adjust-listing-stock',
    auth: ['farmer', 'commune_officer'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/seller/listings',
    handler: 'marketplace/my-listings',
    auth: ['farmer'],
    data: 'read',
  },
  { method: 'GET', path: '/search', handler: 'marketplace/search', auth: 'public', data: 'read' },
] as const satisfies readonly RouteDefinition[];
