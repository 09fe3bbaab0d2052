import { type TraceDeps, traceConfig } from '@chophien/core';
import { attemptCounter, traceRepository } from '@chophien/db';
import { services } from '../shared/services.ts';

let deps: TraceDeps | undefined;

/** The trace area's adapters, built once per container on top of the shared Db. */
export const traceServices = (): TraceDeps => {
  if (!deps) {
    const shared = services();
    deps = {
      trace: traceRepository(shared.db),
      users: shared.users,
      products: shared.products,
      config: traceConfig(),
      attempts: attemptCounter(shared.db),
    };
  }
  return deps;
};
