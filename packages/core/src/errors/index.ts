export * from './domain-error.ts';
export * from './zod-issues.ts';
