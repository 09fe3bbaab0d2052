import { type Grant, grantsOfProfile, rolesOf } from '../access/grants.ts';
import { conflict } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import { auditEntry } from './audit.ts';
import type { AuditAction } from './model.ts';
import type { ConsoleDeps, PersonWrite } from './ports.ts';

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

/** A person refused everywhere cannot be given anything until an admin reactivates them. */
export function assertGivable(person: UserProfile | undefined): void {
  if (person?.status === 'deactivated' || person?.status === 'erased')
    throw conflict('person_deactivated', {
      vi: 'Tài khoản có số điện thoại này đang bị khoá.',
      en: 'The account with this phone number is deactivated.',
    });
}

/**
 * The write that gives someone grants: the person with this phone (`existing`) gets their next version,
 * anyone else is created invited (through the identity provider). Each with its audit entry.
 */
export async function grantPerson(
  deps: Pick<ConsoleDeps, 'identity' | 'clock' | 'newId'>,
  change: {
    readonly actorId: string;
    readonly given: { readonly name: string; readonly phone: string };
    readonly existing: UserProfile | undefined;
    /** The person's grants after the change, from their grants now (none for a new person). */
    readonly grants: (current: Grant[]) => Grant[];
    readonly action: AuditAction;
    /** What the audit says beside the roles (a stall, a place, how consent was given). */
    readonly facts?: Readonly<Record<string, unknown>>;
    /** Fields set on the person besides grants (a household's place and consent). */
    readonly fields?: Partial<UserProfile>;
    /** The identity provider's id for a new person, when the caller already asked for it (the import). */
    readonly newPersonId?: string;
  },
): Promise<{ person: UserProfile; write: PersonWrite }> {
  assertGivable(change.existing);
  const now = deps.clock.now().toISOString();
  const { existing, actorId, facts = {}, fields = {} } = change;
  if (existing) {
    const person = { ...withGrants(existing, change.grants(grantsOfProfile(existing)), now), ...fields };
    const audit = auditEntry(
      deps,
      actorId,
      change.action,
      { kind: 'person', id: existing.id },
      { roles: existing.roles },
      { roles: person.roles, ...facts },
    );
    return {
      person,
      write: { kind: 'update', profile: person, expectedVersion: existing.version ?? 0, audit },
    };
  }
  const id = change.newPersonId ?? (await deps.identity.ensureUser(change.given.phone));
  const person = {
    ...invitedPerson({ id, ...change.given, grants: change.grants([]), invitedBy: actorId, now }),
    ...fields,
  };
  const audit = auditEntry(deps, actorId, change.action, { kind: 'person', id }, null, {
    name: person.name,
    phone: person.phone,
    roles: person.roles,
    ...facts,
  });
  return { person, write: { kind: 'create', profile: person, audit } };
}
