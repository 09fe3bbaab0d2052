// Onboarding: managers bring vendors in, vendors bring helpers, helpers bring households (decisions 0820–0821).
export * from './households.ts';
export * from './ports.ts';
export * from './stall-helpers.ts';
export * from './stalls.ts';
export * from './standee-check.ts';
