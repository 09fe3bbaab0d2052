// The trace area's repositories (implementing packages/core/src/trace ports).
export * from './trace-repository.ts';
