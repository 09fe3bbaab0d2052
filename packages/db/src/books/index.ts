export * from './books-store.ts';
