// The trace area's domain: schemas, rules, use-cases, ports.
export * from './authenticity.ts';
export * from './certification.ts';
export * from './codes.ts';
export * from './config.ts';
export * from './epcis.ts';
export * from './event.ts';
export * from './farm.ts';
export * from './farm-use-cases.ts';
export * from './label-use-cases.ts';
export * from './labels.ts';
export * from './links.ts';
export * from './lot.ts';
export * from './lot-use-cases.ts';
export * from './ports.ts';
export * from './pre-harvest.ts';
export * from './regions.ts';
export * from './trace-view.ts';
