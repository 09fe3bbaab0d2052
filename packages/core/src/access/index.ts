export * from './grants.ts';
export * from './principal.ts';
export * from './rules.ts';
