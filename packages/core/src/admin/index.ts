// The province console: people and their grants, markets, zones, stalls, the audit log and the import.
export * from './audit.ts';
export * from './audit-log.ts';
export * from './bank-account.ts';
export * from './first-admin.ts';
export * from './import/index.ts';
export * from './labels.ts';
export * from './markets.ts';
export * from './model.ts';
export * from './people.ts';
export * from './person-writes.ts';
export * from './places.ts';
export * from './ports.ts';
export * from './provinces-2025.ts';
