import type { UserProfile } from '@chophien/core';
import { createDb, userRepository } from '@chophien/db';

/**
 * Where a verified token's subject is looked up: the people table (one GetItem per authenticated
 * request). The profile, not the token, says which roles and grants the person holds (decision 0800).
 */
export type PrincipalLookup = (userId: string) => Promise<UserProfile | undefined>;

let lookup: PrincipalLookup | undefined;

/** Replaces the table lookup (unit tests of the handler factory have no table). */
export function usePrincipalLookup(replacement: PrincipalLookup | undefined): void {
  lookup = replacement;
}

export function principalLookup(): PrincipalLookup {
  if (!lookup) {
    const users = userRepository(createDb());
    lookup = (userId) => users.get(userId);
  }
  return lookup;
}
