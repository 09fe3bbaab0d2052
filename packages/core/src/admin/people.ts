import * as z from 'zod';
import {
  distinctGrants,
  type Grant,
  grantKey,
  grantSchema,
  grantsOfProfile,
  rolesOf,
} from '../access/grants.ts';
import { assertAdmin, assertDeclaredCommune, isAdmin } from '../access/rules.ts';
import { conflict, DomainError, forbidden, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import { toE164Vietnam } from '../identity/phone.ts';
import type { UserProfile } from '../identity/profile.ts';
import { type Role, roles } from '../identity/roles.ts';
import type { Actor } from '../identity/user.ts';
import { auditEntry } from './audit.ts';
import { roleLabels } from './labels.ts';
import { withGrants } from './person-writes.ts';
import { communeSchema, provinceSchema } from './places.ts';
import type { ConsoleDeps } from './ports.ts';

/** A Vietnamese phone number as people type it, stored in E.164. */
export const phoneInput = z
  .string()
  .trim()
  .max(40)
  .transform((text, ctx) => {
    const e164 = toE164Vietnam(text);
    if (e164) return e164;
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        'Số điện thoại chưa đúng. Nhập số di động Việt Nam, ví dụ 0987 000 011.',
        'Not a Vietnamese mobile number; e.g. 0987 000 011.',
      ),
    });
    return z.NEVER;
  });

export const personNameInput = z
  .string()
  .trim()
  .min(2, bilingual('Cần ghi họ tên (ít nhất 2 ký tự).', 'Enter a name (at least 2 characters).'))
  .max(100);

/** A stall helper is brought in by the stall's vendor, at the stall (onboarding/stall-helpers.ts), not here. */
type InvitableRole = Exclude<Role, 'buyer' | 'stall_helper'>;
const invitableRoles = roles.filter((role) => role !== 'buyer' && role !== 'stall_helper') as InvitableRole[];

/**
 * An invitation as forms send it: the person, one role and the place it applies in. A market manager's
 * market, an officer's commune; a farmer's commune is the household's address (an officer must name theirs).
 */
export const inviteInput = z
  .object({
    phone: phoneInput,
    name: personNameInput,
    role: z.enum(invitableRoles as [InvitableRole, ...InvitableRole[]]),
    marketId: z.string().trim().max(40).optional(),
    province: provinceSchema.optional(),
    commune: communeSchema.optional(),
  })
  .superRefine((input, ctx) => {
    const need = (path: 'marketId' | 'province' | 'commune', vi: string, en: string) => {
      if (!input[path]) ctx.addIssue({ code: 'custom', path: [path], message: bilingual(vi, en) });
    };
    if (input.role === 'market_manager')
      need('marketId', 'Cần chọn chợ người này quản lý.', 'Choose the market.');
    if (input.role === 'commune_officer' || input.role === 'digital_helper') {
      need('province', 'Cần chọn tỉnh của xã.', 'Choose the province.');
      need('commune', 'Cần ghi xã người này phụ trách.', 'Enter the commune.');
    }
  });
export type InviteInput = z.input<typeof inviteInput>;

function grantOf(input: z.infer<typeof inviteInput>): Grant {
  switch (input.role) {
    case 'market_manager':
      return { role: 'market_manager', marketId: input.marketId ?? '' };
    case 'commune_officer':
    case 'digital_helper':
      return { role: input.role, province: input.province ?? '', commune: input.commune ?? '' };
    default:
      return { role: input.role };
  }
}

const mayNotGrant = () =>
  new DomainError('forbidden', 'may_not_grant', {
    vi: 'Bạn không được giao vai trò này.',
    en: 'You may not give this role.',
  });

/**
 * Who may give which grant: an admin any; a market manager may bring in vendors (a vendor acts only at
 * stalls assigned to them); a commune officer may bring in households and community digital team members
 * of their own commune (decision 0820).
 */
function assertMayGrant(actor: Actor, grant: Grant, place: { province?: string; commune?: string }): void {
  if (isAdmin(actor)) return;
  if (grant.role === 'vendor' && actor.roles.includes('market_manager')) return;
  if (
    (grant.role === 'farmer' || grant.role === 'digital_helper') &&
    actor.roles.includes('commune_officer')
  ) {
    assertDeclaredCommune(actor, place, 'body.commune');
    return;
  }
  throw mayNotGrant();
}

async function assertGrantTargetsExist(deps: Pick<ConsoleDeps, 'console'>, grants: readonly Grant[]) {
  for (const [index, grant] of grants.entries()) {
    if (grant.role !== 'market_manager') continue;
    if (!(await deps.console.getMarket(grant.marketId)))
      throw new DomainError(
        'unprocessable',
        'market_not_found',
        { vi: 'Không có chợ này.', en: 'No such market.' },
        {
          fields: [
            {
              path: grants.length === 1 ? 'body.marketId' : `body.grants.${index}.marketId`,
              code: 'market_not_found',
              message: { vi: 'Không có chợ này.', en: 'No such market.' },
            },
          ],
        },
      );
  }
}

const staleMessage = {
  vi: 'Người này vừa được người khác sửa. Hãy tải lại trang rồi làm lại.',
  en: 'Someone else changed this person just now. Reload and try again.',
};

const publicFacts = (profile: UserProfile) => ({
  name: profile.name,
  phone: profile.phone,
  status: profile.status ?? 'active',
  grants: grantsOfProfile(profile).map(grantKey),
  ...(profile.province ? { province: profile.province } : {}),
  ...(profile.commune ? { commune: profile.commune } : {}),
});

export function invitationText(deps: Pick<ConsoleDeps, 'siteUrl'>, grant: Grant): string {
  const label = roleLabels[grant.role].vi;
  return `Chợ Phiên: bạn được mời làm ${label}. Đăng nhập bằng số điện thoại này tại ${deps.siteUrl}/dang-nhap`;
}

/**
 * Invites a person by phone with one grant, or adds the grant to the person who already has this phone.
 * Asking twice changes nothing the second time (same grant, same person); the SMS goes to new people.
 */
export async function invitePerson(
  deps: ConsoleDeps,
  actor: Actor,
  raw: unknown,
): Promise<{ person: UserProfile; created: boolean; changed: boolean }> {
  const input = inviteInput.parse(raw);
  const grant = grantOf(input);
  const place = {
    ...(input.province ? { province: input.province } : {}),
    ...(input.commune ? { commune: input.commune } : {}),
  };
  assertMayGrant(actor, grant, place);
  await assertGrantTargetsExist(deps, [grant]);
  const now = deps.clock.now().toISOString();
  const existing = await deps.people.getByPhone(input.phone);
  if (existing) {
    const result = await addGrant(deps, actor, existing, grant, now);
    return { person: result.person, created: false, changed: result.changed };
  }
  const id = await deps.identity.ensureUser(input.phone);
  const person: UserProfile = {
    id,
    phone: input.phone,
    name: input.name,
    roles: rolesOf([grant]),
    grants: [grant],
    status: 'invited',
    version: 1,
    ...(grant.role === 'commune_officer' || grant.role === 'digital_helper'
      ? { province: grant.province, commune: grant.commune }
      : place),
    createdAt: now,
    updatedAt: now,
    invitedBy: actor.userId,
  };
  const audit = auditEntry(
    deps,
    actor.userId,
    'person_invited',
    { kind: 'person', id },
    null,
    publicFacts(person),
  );
  if ((await deps.people.create(person, audit)) === 'exists') {
    // The same phone was invited at the same moment by someone else: add the grant to that person.
    const raced = await deps.people.get(id);
    if (!raced) throw conflict('person_stale', staleMessage);
    const result = await addGrant(deps, actor, raced, grant, now);
    return { person: result.person, created: false, changed: result.changed };
  }
  await deps.identity.syncRoles(person, person.roles);
  await deps.sms.send({ to: person.phone, text: invitationText(deps, grant) });
  return { person, created: true, changed: true };
}

async function addGrant(
  deps: ConsoleDeps,
  actor: Actor,
  person: UserProfile,
  grant: Grant,
  now: string,
): Promise<{ person: UserProfile; changed: boolean }> {
  if (person.status === 'deactivated')
    throw conflict('person_deactivated', {
      vi: 'Tài khoản này đang bị khoá. Mở khoá trước khi giao vai trò.',
      en: 'This account is deactivated. Reactivate it before giving it a role.',
    });
  const current = grantsOfProfile(person);
  if (current.some((held) => grantKey(held) === grantKey(grant))) return { person, changed: false };
  const next: UserProfile = {
    ...withGrants(person, distinctGrants([...current, grant]), now),
    ...((grant.role === 'commune_officer' || grant.role === 'digital_helper') && !person.commune
      ? { province: grant.province, commune: grant.commune }
      : {}),
  };
  const audit = auditEntry(
    deps,
    actor.userId,
    'grants_changed',
    { kind: 'person', id: person.id },
    publicFacts(person),
    publicFacts(next),
  );
  if ((await deps.people.update(next, person.version ?? 0, audit)) === 'stale')
    throw conflict('person_stale', staleMessage);
  await deps.identity.syncRoles(next, next.roles);
  return { person: next, changed: true };
}

export const setGrantsInput = z.object({
  grants: z.array(grantSchema).max(50),
  version: z.number().int().nonnegative(),
});

/** Replaces a person's grants (change or revoke roles). Admins only; an admin cannot drop their own. */
export async function setGrants(
  deps: ConsoleDeps,
  actor: Actor,
  userId: string,
  raw: unknown,
): Promise<UserProfile> {
  assertAdmin(actor);
  const input = setGrantsInput.parse(raw);
  const grants = distinctGrants(
    input.grants.map((grant) =>
      grant.role === 'commune_officer' || grant.role === 'digital_helper'
        ? {
            role: grant.role,
            province: provinceSchema.parse(grant.province),
            commune: communeSchema.parse(grant.commune),
          }
        : grant,
    ),
  );
  const person = await deps.people.get(userId);
  if (!person) throw notFound({ vi: 'người dùng', en: 'person' }, 'person_not_found');
  if (person.id === actor.userId && !grants.some((grant) => grant.role === 'admin'))
    throw new DomainError('conflict', 'own_admin', {
      vi: 'Bạn không thể tự bỏ quyền quản trị của mình.',
      en: 'You cannot remove your own administrator role.',
    });
  await assertGrantTargetsExist(deps, grants);
  const next = withGrants(person, grants, deps.clock.now().toISOString());
  const audit = auditEntry(
    deps,
    actor.userId,
    'grants_changed',
    { kind: 'person', id: person.id },
    publicFacts(person),
    publicFacts(next),
  );
  if (
    (person.version ?? 0) !== input.version ||
    (await deps.people.update(next, input.version, audit)) === 'stale'
  )
    throw conflict('person_stale', staleMessage);
  await deps.identity.syncRoles(next, next.roles);
  return next;
}

export const setStatusInput = z.object({
  status: z.enum(['active', 'deactivated']),
  version: z.number().int().nonnegative(),
});

/** Deactivates (refused everywhere from the next request) or reactivates a person. Admins only, not oneself. */
export async function setPersonStatus(
  deps: ConsoleDeps,
  actor: Actor,
  userId: string,
  raw: unknown,
): Promise<UserProfile> {
  assertAdmin(actor);
  const input = setStatusInput.parse(raw);
  if (userId === actor.userId)
    throw new DomainError('conflict', 'own_account', {
      vi: 'Bạn không thể tự khoá tài khoản của mình.',
      en: 'You cannot deactivate your own account.',
    });
  const person = await deps.people.get(userId);
  if (!person) throw notFound({ vi: 'người dùng', en: 'person' }, 'person_not_found');
  const next: UserProfile = {
    ...person,
    status: input.status,
    version: (person.version ?? 0) + 1,
    updatedAt: deps.clock.now().toISOString(),
  };
  const audit = auditEntry(
    deps,
    actor.userId,
    input.status === 'deactivated' ? 'person_deactivated' : 'person_reactivated',
    { kind: 'person', id: person.id },
    publicFacts(person),
    publicFacts(next),
  );
  if (
    (person.version ?? 0) !== input.version ||
    (await deps.people.update(next, input.version, audit)) === 'stale'
  )
    throw conflict('person_stale', staleMessage);
  await deps.identity.setEnabled(next, input.status === 'active');
  return next;
}

export async function getPerson(deps: Pick<ConsoleDeps, 'people'>, actor: Actor, userId: string) {
  assertAdmin(actor);
  const person = await deps.people.get(userId);
  if (!person) throw notFound({ vi: 'người dùng', en: 'person' }, 'person_not_found');
  return person;
}

export const listPeopleQuery = z.object({
  phone: z.string().trim().max(40).optional(),
  cursor: z.string().max(400).optional(),
});

/** The console's list of people, newest first, or the one person with a phone number. */
export async function listPeople(deps: Pick<ConsoleDeps, 'people'>, actor: Actor, raw: unknown) {
  assertAdmin(actor);
  const query = listPeopleQuery.parse(raw);
  if (query.phone) {
    const phone = toE164Vietnam(query.phone);
    const person = phone ? await deps.people.getByPhone(phone) : undefined;
    return { people: person ? [person] : [] };
  }
  return deps.people.list({ limit: 50, ...(query.cursor ? { cursor: query.cursor } : {}) });
}

/** Refuses anyone but an admin (for the console's reads). */
export const requireAdmin = (actor: Actor | undefined): Actor => {
  if (!actor || !isAdmin(actor)) throw forbidden('admin_only');
  return actor;
};
