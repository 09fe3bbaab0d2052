import type { RouteDefinition } from '../route-definition.ts';

/**
 * The books area's entries of THE route table (functions/routes.ts concatenates every area's list).
 * Every route only reads: the books are written from the ledger and the orders, never stored apart.
 * All six are served by one function (books/api.ts): the Api stack is near CloudFormation's 500-resource
 * ceiling and each function costs six resources (decision 1000).
 */
export const booksRoutes = [
  // A household's own book (a commune officer's for a farming household of their commune): JSON, XLSX or PDF.
  {
    method: 'GET',
    path: '/books/sales',
    handler: 'books/api',
    auth: ['farmer', 'vendor', 'commune_officer'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/books/revenue',
    handler: 'books/api',
    auth: ['farmer', 'vendor', 'commune_officer'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/books/bank-accounts',
    handler: 'books/api',
    auth: ['farmer', 'vendor', 'commune_officer'],
    data: 'read',
  },
  // Aggregates only (no household below 3 per figure): a market's manager, the province (admin).
  {
    method: 'GET',
    path: '/markets/{marketId}/takings',
    handler: 'books/api',
    auth: ['market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/province/takings',
    handler: 'books/api',
    auth: ['admin'],
    data: 'read',
  },
  // The quarterly seller report for the tax authority (decision 1001).
  {
    method: 'GET',
    path: '/admin/seller-report',
    handler: 'books/api',
    auth: ['admin'],
    data: 'read',
  },
] as const satisfies readonly RouteDefinition[];
