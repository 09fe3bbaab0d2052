import type { RouteDefinition } from '../route-definition.ts';

/** The markets area's entries of THE route table (functions/routes.ts concatenates every area's list). */
export const marketsRoutes = [
  // Signatures are the authentication: each channel has its own secret.
  {
    method: 'POST',
    path: '/webhooks/bank/{provider}/{channel}',
    handler: 'markets/bank-webhook',
    auth: 'public',
    data: 'readwrite',
    rawBody: true,
  },
  { method: 'GET', path: '/vendor/stalls', handler: 'markets/my-stalls', auth: ['vendor'], data: 'read' },
  {
    method: 'POST',
    path: '/stalls/{stallId}/sales',
    handler: 'markets/create-sale',
    auth: ['vendor'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/stalls/{stallId}/day',
    handler: 'markets/stall-day',
    auth: ['vendor', 'market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/stalls/{stallId}/standee',
    handler: 'markets/stall-standee',
    auth: ['vendor', 'market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/markets',
    handler: 'markets/managed-markets',
    auth: ['market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/markets/{marketId}/stalls',
    handler: 'markets/market-stalls',
    auth: ['market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/vendors/{vendorId}/review-queue',
    handler: 'markets/review-queue',
    auth: ['vendor', 'market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'POST',
    path: '/review-queue/{reviewId}/assign',
    handler: 'markets/assign-review',
    auth: ['vendor', 'market_manager', 'admin'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/vendor/payment-account/changes',
    handler: 'markets/request-account-change',
    auth: ['vendor'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/vendor/payment-account/changes/{changeId}/confirm',
    handler: 'markets/confirm-account-change',
    auth: ['vendor'],
    data: 'readwrite',
  },
  { method: 'GET', path: '/vendor/audit', handler: 'markets/vendor-audit', auth: ['vendor'], data: 'read' },
] as const satisfies readonly RouteDefinition[];
