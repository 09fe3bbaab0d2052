export * from './attempts.ts';
export * from './memory-counter.ts';
export * from './throttle.ts';
export * from './throttles.ts';
