export * from './client.ts';
export * from './keys/index.ts';
export * from './migrate.ts';
export * from './product-repository.ts';
export * from './table.ts';
export * from './user-repository.ts';
