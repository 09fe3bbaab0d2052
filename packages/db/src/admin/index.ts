// The province console's repositories (implementing packages/core/src/admin ports).
export * from './console-store.ts';
export * from './import-store.ts';
export * from './people-store.ts';
