export * from './dispatch.ts';
export * from './events.ts';
export * from './ports.ts';
export * from './preferences.ts';
export * from './sources.ts';
export * from './use-cases.ts';
