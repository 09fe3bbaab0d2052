import { type Grant, rolesOf } from '../access/grants.ts';
import type { UserProfile } from '../identity/profile.ts';

/**
 * The two ways a person's grants are written, shared by every use-case that brings someone in (the console,
 * the import, a manager's stall, a vendor's helper, a helper's household): a new person, invited and not
 * signed in yet; or the next version of an existing one with their grants replaced.
 */
export function invitedPerson(person: {
  readonly id: string;
  readonly phone: string;
  readonly name: string;
  readonly grants: readonly Grant[];
  readonly invitedBy: string;
  readonly now: string;
  /** Where the person lives or works (a household's commune, an officer's). */
  readonly place?: { readonly province: string; readonly commune: string };
}): UserProfile {
  return {
    id: person.id,
    phone: person.phone,
    name: person.name,
    roles: rolesOf(person.grants),
    grants: [...person.grants],
    status: 'invited',
    version: 1,
    ...(person.place ?? {}),
    createdAt: person.now,
    updatedAt: person.now,
    invitedBy: person.invitedBy,
  };
}

/** The person's next version with these grants (roles follow), for a compare-and-set on `version`. */
export const withGrants = (person: UserProfile, grants: readonly Grant[], now: string): UserProfile => ({
  ...person,
  grants: [...grants],
  roles: rolesOf(grants),
  version: (person.version ?? 0) + 1,
  updatedAt: now,
});
