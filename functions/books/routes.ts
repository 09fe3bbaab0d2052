import type { RouteDefinition } from '../route-definition.ts';

/**
 * The books area's entries of THE route table (functions/routes.ts concatenates every area's list).
 * Every route only reads: the books are written from the ledger and the orders, never stored apart.
 * One handler module (and function) per route, as everywhere (the API's stack per area, decision 0350).
 */
export const booksRoutes = [
  // A household's own book (a commune officer's for a farming household of their commune): JSON, XLSX or PDF.
  {
    method: 'GET',
    path: '/books/sales',
    handler: 'books/sales-book',
    auth: ['farmer', 'vendor', 'commune_officer'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/books/revenue',
    handler: 'books/revenue',
    auth: ['farmer', 'vendor', 'commune_officer'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/books/bank-accounts',
    handler: 'books/bank-accounts',
    auth: ['farmer', 'vendor', 'commune_officer'],
    data: 'read',
  },
  // Aggregates only (no household below 3 per figure): a market's manager, the province (admin).
  {
    method: 'GET',
    path: '/markets/{marketId}/takings',
    handler: 'books/market-takings',
    auth: ['market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/province/takings',
    handler: 'books/province-takings',
    auth: ['admin'],
    data: 'read',
  },
  // The quarterly seller report for the tax authority (decision 1001).
  {
    method: 'GET',
    path: '/admin/seller-report',
    handler: 'books/seller-report',
    auth: ['admin'],
    data: 'read',
  },
] as const satisfies readonly RouteDefinition[];
