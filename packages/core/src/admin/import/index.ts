export * from './rows.ts';
export * from './run.ts';
export * from './sheet.ts';
