// The markets area's domain: schemas, rules, use-cases, ports.
export * from './access.ts';
export * from './account-change.ts';
export * from './amount-words.ts';
export * from './attribution.ts';
export * from './bank-notifications.ts';
export * from './figures.ts';
export * from './manager-console.ts';
export * from './memo.ts';
export * from './model.ts';
export * from './ports.ts';
export * from './receive-payment.ts';
export * from './reconciliation.ts';
export * from './review-queue.ts';
export * from './sales.ts';
export * from './signatures.ts';
export * from './time.ts';
export * from './vendor-views.ts';
