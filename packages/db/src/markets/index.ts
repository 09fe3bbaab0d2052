// The markets area's repositories (implementing packages/core/src/markets ports).
export * from './markets-store.ts';
export * from './open-data-store.ts';
export * from './payment-rekey.ts';
export * from './till-stream.ts';
