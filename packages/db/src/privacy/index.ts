// Personal data's repository (implementing packages/core/src/privacy ports).
export * from './privacy-store.ts';
