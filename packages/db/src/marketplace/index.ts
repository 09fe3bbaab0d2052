// The marketplace area's repositories (implementing packages/core/src/marketplace ports).

export * from './listing-repository.ts';
export * from './order-repository.ts';
export * from './payout-account-repository.ts';
export * from './search-snapshot.ts';
export * from './search-source.ts';
export * from './transact.ts';
