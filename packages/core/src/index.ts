export * from './catalog/index.ts';
export * from './errors/index.ts';
export * from './identity/index.ts';
export * from './marketplace/index.ts';
export * from './markets/index.ts';
export * from './money/vnd.ts';
export * from './text/fold.ts';
export * from './trace/index.ts';
