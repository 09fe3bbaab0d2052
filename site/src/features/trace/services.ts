import { type TraceDeps, traceConfig } from '@chophien/core';
import { productRepository, traceRepository, userRepository } from '@chophien/db';
import { getDb } from '../../lib/services.ts';

let deps: TraceDeps | undefined;

/** The trace use-cases' adapters for the storefront (in-process, same table as the API). */
export function traceDeps(): TraceDeps {
  if (!deps) {
    const db = getDb();
    deps = {
      trace: traceRepository(db),
      users: userRepository(db),
      products: productRepository(db),
      config: traceConfig(),
    };
  }
  return deps;
}
