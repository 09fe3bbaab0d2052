import { type TraceDeps, traceConfig } from '@chophien/core';
import {
  attemptCounter,
  notificationClaims,
  productRepository,
  traceRepository,
  userRepository,
} from '@chophien/db';
import { smsSenderFromEnv } from '@chophien/functions/shared/sms';
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
      attempts: attemptCounter(db),
      // Scans happen here (the trace page): a clone warning texts the farm's owner (contract C5).
      notifications: notificationClaims(db),
    };
    const sms = smsSenderFromEnv();
    if (sms) deps = { ...deps, sms };
  }
  return deps;
}
