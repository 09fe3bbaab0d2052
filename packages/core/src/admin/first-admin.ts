import * as z from 'zod';
import { distinctGrants, grantsOfProfile, rolesOf } from '../access/grants.ts';
import { conflict } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import { auditEntry } from './audit.ts';
import { personNameInput, phoneInput } from './people.ts';
import type { ConsoleDeps } from './ports.ts';

/** Who made a change from the command line (the audit's actor; no person signed in). */
export const COMMAND_ACTOR = 'system:admin-command';

export const firstAdminInput = z.object({
  phone: phoneInput,
  name: personNameInput.default('Quản trị viên tỉnh'),
});

/**
 * `npm run admin -- create --phone +84…`: makes the person with this phone an admin, creating them in the
 * identity provider and the table if new. Whoever can run it already holds the deployment's credentials,
 * so it also serves later ("a second admin", "the admin left"); running it twice changes nothing.
 */
export async function makeAdmin(
  deps: Pick<ConsoleDeps, 'people' | 'identity' | 'clock' | 'newId'>,
  raw: unknown,
): Promise<{ person: UserProfile; created: boolean; changed: boolean }> {
  const input = firstAdminInput.parse(raw);
  const now = deps.clock.now().toISOString();
  const existing = await deps.people.getByPhone(input.phone);
  if (existing) {
    const grants = grantsOfProfile(existing);
    if (grants.some((grant) => grant.role === 'admin') && existing.status !== 'deactivated')
      return { person: existing, created: false, changed: false };
    const nextGrants = distinctGrants([...grants, { role: 'admin' }]);
    const next: UserProfile = {
      ...existing,
      grants: nextGrants,
      roles: rolesOf(nextGrants),
      status: existing.status === 'deactivated' ? 'active' : (existing.status ?? 'active'),
      version: (existing.version ?? 0) + 1,
      updatedAt: now,
    };
    const audit = auditEntry(
      deps,
      COMMAND_ACTOR,
      'admin_created',
      { kind: 'person', id: existing.id },
      { roles: existing.roles, status: existing.status ?? 'active' },
      { roles: next.roles, status: next.status },
    );
    if ((await deps.people.update(next, existing.version ?? 0, audit)) === 'stale')
      throw conflict('person_stale', {
        vi: 'Hồ sơ vừa thay đổi, hãy chạy lại.',
        en: 'The profile changed; run again.',
      });
    await deps.identity.setEnabled(next, true);
    await deps.identity.syncRoles(next, next.roles);
    return { person: next, created: false, changed: true };
  }
  const id = await deps.identity.ensureUser(input.phone);
  const person: UserProfile = {
    id,
    phone: input.phone,
    name: input.name,
    roles: ['admin'],
    grants: [{ role: 'admin' }],
    status: 'invited',
    version: 1,
    createdAt: now,
    updatedAt: now,
    invitedBy: COMMAND_ACTOR,
  };
  const audit = auditEntry(deps, COMMAND_ACTOR, 'admin_created', { kind: 'person', id }, null, {
    name: person.name,
    phone: person.phone,
    roles: person.roles,
  });
  if ((await deps.people.create(person, audit)) === 'exists') return makeAdmin(deps, raw);
  await deps.identity.syncRoles(person, person.roles);
  return { person, created: true, changed: true };
}
