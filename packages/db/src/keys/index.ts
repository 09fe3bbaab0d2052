/**
 * Every item's keys are built in this folder and nowhere else, one file per area, so an access
 * pattern is one function. The patterns each key serves are listed in docs/decisions/0002-table-design.md.
 */
export * from './admin.ts';

export * from './alerts.ts';
export * from './books.ts';
export * from './foundation.ts';
export * from './gtin.ts';
export * from './limits.ts';
export * from './marketplace.ts';
export * from './markets.ts';
export * from './notify.ts';
export * from './onboarding.ts';
export * from './open-data.ts';
export * from './payments.ts';
export * from './privacy.ts';
export * from './trace.ts';
