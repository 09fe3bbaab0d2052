// The marketplace area's domain: schemas, rules, use-cases, ports.
export * from './checkout.ts';
export * from './expire-orders.ts';
export * from './holds.ts';
export * from './listings.ts';
export * from './order.ts';
export * from './order-code.ts';
export * from './order-status.ts';
export * from './order-view.ts';
export * from './origin.ts';
export * from './pay-link.ts';
export * from './payment-received.ts';
export * from './payout-account.ts';
export * from './payout-use-cases.ts';
export * from './photo.ts';
export * from './photo-use-cases.ts';
export * from './ports.ts';
export * from './search.ts';
