import { type BooksDeps, hasRole } from '@chophien/core';
import { alertStore, booksStore, userRepository } from '@chophien/db';
import type { AstroCookies } from 'astro';
import { getDb } from '../../lib/services.ts';
import { currentActor } from '../auth/session.ts';

let deps: (BooksDeps & { alerts: ReturnType<typeof alertStore> }) | undefined;

/** The books pages' adapters: the same core use-cases and readers the API's /books routes use. */
export function booksDeps() {
  if (!deps) {
    const db = getDb();
    deps = {
      ...booksStore(db),
      users: userRepository(db),
      alerts: alertStore(db),
      clock: { now: () => new Date() },
    };
  }
  return deps;
}

/** The query parameter naming the household a commune officer reads for (as on the producer desk). */
export const HOUSEHOLD_PARAM = 'ho';

export async function booksSession(cookies: AstroCookies) {
  const actor = await currentActor(cookies);
  if (!actor) return undefined;
  return {
    actor,
    isSeller: hasRole(actor, 'farmer', 'vendor'),
    isOfficer: hasRole(actor, 'commune_officer'),
  };
}
