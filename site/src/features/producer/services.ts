import type { HouseholdDirectory, ListingDeps, TraceDeps } from '@chophien/core';
import { householdDirectory, listingRepository, orderRepository, userRepository } from '@chophien/db';
import { getDb } from '../../lib/services.ts';
import { traceDeps } from '../trace/services.ts';

export type ProducerDeps = TraceDeps &
  ListingDeps & { households: HouseholdDirectory; orders: ReturnType<typeof orderRepository> };

let deps: ProducerDeps | undefined;

/** The desk's adapters: the same core use-cases and repositories the API's trace and listing routes use. */
export function producerDeps(): ProducerDeps {
  if (!deps) {
    const db = getDb();
    const trace = traceDeps();
    deps = {
      ...trace,
      users: userRepository(db),
      listings: listingRepository(db),
      orders: orderRepository(db),
      households: householdDirectory(db),
      clock: { now: () => new Date() },
    };
  }
  return deps;
}
