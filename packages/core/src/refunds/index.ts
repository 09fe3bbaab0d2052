export * from './model.ts';
export * from './ports.ts';
export * from './refund-cases.ts';
