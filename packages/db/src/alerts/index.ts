export * from './alert-store.ts';
