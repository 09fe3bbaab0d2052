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
    uses: ['channelSecretsRead', 'sms', 'alerts'],
    rawBody: true,
    // Money arriving must never wait behind a burst of public scans.
    reservedConcurrency: 20,
  },
  { method: 'GET', path: '/vendor/stalls', handler: 'markets/my-stalls', auth: ['vendor'], data: 'read' },
  {
    method: 'POST',
    path: '/stalls/{stallId}/sales',
    handler: 'markets/create-sale',
    // A vendor's family helper sells at that vendor's stall (decision 0820); core checks the stall.
    auth: ['vendor', 'stall_helper'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/stalls/{stallId}/day',
    handler: 'markets/stall-day',
    auth: ['vendor', 'stall_helper', 'market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/stalls/{stallId}/standee',
    handler: 'markets/stall-standee',
    auth: ['vendor', 'market_manager', 'admin'],
    data: 'read',
    uses: ['stallCodes'],
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
    // Farmers too: unmatched money into a payout account is theirs to see and send back (0706).
    auth: ['vendor', 'farmer', 'market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'POST',
    path: '/review-queue/{reviewId}/assign',
    handler: 'markets/assign-review',
    auth: ['vendor', 'market_manager', 'admin'],
    data: 'readwrite',
  },
  // A queued payment into a market board's account becomes a stall's monthly fee (decision 0703).
  {
    method: 'POST',
    path: '/review-queue/{reviewId}/assign-fee',
    handler: 'markets/assign-fee-review',
    auth: ['market_manager', 'admin'],
    data: 'readwrite',
  },
  // A one-time ticket to open the live till's WebSocket (AWS): the ID token never goes in a URL.
  {
    method: 'POST',
    path: '/vendor/till-tickets',
    handler: 'markets/till-ticket',
    auth: ['vendor'],
    data: 'readwrite',
  },
  {
    method: 'POST',
    path: '/vendor/payment-account/changes',
    handler: 'markets/request-account-change',
    auth: ['vendor'],
    data: 'readwrite',
    uses: ['sms'],
  },
  {
    method: 'POST',
    path: '/vendor/payment-account/changes/{changeId}/confirm',
    handler: 'markets/confirm-account-change',
    auth: ['vendor'],
    data: 'readwrite',
    uses: ['channelSecretsWrite'],
  },
  {
    method: 'GET',
    path: '/markets/{marketId}/days/{day}',
    handler: 'markets/market-day',
    auth: ['market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/markets/{marketId}/days/{day}/ledger.csv',
    handler: 'markets/market-day-csv',
    auth: ['market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'POST',
    path: '/stalls/{stallId}/reconciliation',
    handler: 'markets/reconcile-stall',
    auth: ['vendor', 'market_manager', 'admin'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/open-data/markets.json',
    handler: 'markets/open-data-json',
    auth: 'public',
    data: 'read',
  },
  {
    method: 'GET',
    path: '/open-data/markets.csv',
    handler: 'markets/open-data-csv',
    auth: 'public',
    data: 'read',
  },
  // Open data is served from pre-computed days (decision 0901); the schedule runs this every 10 minutes.
  {
    method: 'POST',
    path: '/admin/open-data/refresh',
    handler: 'markets/refresh-open-data',
    auth: ['admin'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/markets/{marketId}/fees',
    handler: 'markets/market-fees',
    auth: ['market_manager', 'admin'],
    data: 'read',
  },
  { method: 'GET', path: '/vendor/audit', handler: 'markets/vendor-audit', auth: ['vendor'], data: 'read' },
  // Part-payments at the stall (decision 0709): the day's underpaid sales, and the balance QR under the same code.
  {
    method: 'GET',
    path: '/vendor/sales/underpaid',
    handler: 'markets/underpaid-sales',
    auth: ['vendor'],
    data: 'read',
  },
  {
    method: 'GET',
    path: '/sales/{saleCode}/balance',
    handler: 'markets/sale-balance',
    auth: ['vendor'],
    data: 'read',
  },
  // Refund cases (decision 0706): the owner rejects unmatched money; owners, managers, admins and the
  // order's buyer see cases; only the owner says the money went back.
  {
    method: 'POST',
    path: '/review-queue/{reviewId}/refund',
    handler: 'markets/reject-review',
    auth: ['vendor', 'farmer', 'market_manager'],
    data: 'readwrite',
  },
  {
    method: 'GET',
    path: '/refunds',
    handler: 'markets/list-refunds',
    auth: ['farmer', 'vendor', 'market_manager', 'admin'],
    data: 'read',
  },
  { method: 'GET', path: '/refunds/{refundId}', handler: 'markets/get-refund', auth: 'any', data: 'read' },
  {
    method: 'POST',
    path: '/refunds/{refundId}/confirm',
    handler: 'markets/confirm-refund',
    auth: ['farmer', 'vendor', 'market_manager'],
    data: 'readwrite',
  },
] as const satisfies readonly RouteDefinition[];
