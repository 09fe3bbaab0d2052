/**
 * A vendor's family member at the stall: may make sales and watch the till there, for that vendor only.
 * They cannot change payment accounts (those routes are the vendor's role, and a helper is not a vendor
 * of this stall) or see other stalls. The grant names the stall *and* the vendor (decision 0820), so it
 * lapses by itself when the stall is vacated or given to someone else.
 */
import * as z from 'zod';
import { distinctGrants, type Grant, grantsOfProfile } from '../access/grants.ts';
import { helpedStallIds, managesMarketId, ownsStall, sellsAtStall } from '../access/rules.ts';
import { auditEntry } from '../admin/audit.ts';
import { personNameInput, phoneInput } from '../admin/people.ts';
import { grantPerson, withGrants } from '../admin/person-writes.ts';
import { conflict, fieldError, forbidden, notFound } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import type { Stall } from '../markets/model.ts';
import type { MarketsStore } from '../markets/ports.ts';
import type { OnboardingDeps, StallHelperLink } from './ports.ts';

const STALL = { vi: 'sạp', en: 'stall' };

export const stallHelperInput = z.object({ name: personNameInput, phone: phoneInput });
export type StallHelperInput = z.input<typeof stallHelperInput>;

const helperGrant = (stall: Stall): Grant => ({
  role: 'stall_helper',
  stallId: stall.id,
  vendorId: stall.vendorId,
});

type HelperGrant = Extract<Grant, { role: 'stall_helper' }>;
const isGrantAt = (grant: Grant, stallId: string): grant is HelperGrant =>
  grant.role === 'stall_helper' && grant.stallId === stallId;

const stale = () =>
  conflict('person_stale', {
    vi: 'Người này vừa được người khác sửa. Hãy gửi lại.',
    en: 'This person was changed just now. Please submit again.',
  });

async function loadStall(deps: Pick<OnboardingDeps, 'onboarding'>, stallId: string): Promise<Stall> {
  const stall = await deps.onboarding.getStall(stallId);
  if (!stall) throw notFound(STALL);
  return stall;
}

export function helperInvitationText(siteUrl: string, vendorName: string, stall: Stall): string {
  return `Chợ Phiên: ${vendorName} mời bạn phụ bán hàng ở sạp ${stall.code}. Đăng nhập bằng số điện thoại này tại ${siteUrl}/dang-nhap?next=/ban-hang`;
}

/** The stall's vendor brings in a helper by phone (invited if new). Asking twice changes nothing. */
export async function addStallHelper(
  deps: OnboardingDeps,
  actor: Actor,
  stallId: string,
  raw: unknown,
): Promise<{ helper: UserProfile; changed: boolean }> {
  const input = stallHelperInput.parse(raw);
  const stall = await loadStall(deps, stallId);
  if (!ownsStall(actor, stall)) throw forbidden('not_stall_vendor');
  if (input.phone === actor.phone)
    throw fieldError(
      'unprocessable',
      'helper_is_vendor',
      { vi: 'Đây là số của chính bạn.', en: 'This is your own number.' },
      {
        path: 'body.phone',
        code: 'own_phone',
        message: { vi: 'Nhập số của người phụ bán.', en: 'Enter your helper’s number.' },
      },
    );
  const grant = helperGrant(stall);
  const existing = await deps.people.getByPhone(input.phone);
  if (
    existing &&
    grantsOfProfile(existing).some((held) => isGrantAt(held, stall.id) && held.vendorId === stall.vendorId)
  )
    return { helper: existing, changed: false };
  const { person: helper, write } = await grantPerson(deps, {
    actorId: actor.userId,
    given: input,
    existing,
    // A grant left from this stall's previous vendor is replaced, not kept beside the new one.
    grants: (current) => distinctGrants([...current.filter((held) => !isGrantAt(held, stall.id)), grant]),
    action: 'stall_helper_added',
    facts: { stall: stall.code },
  });
  const now = deps.clock.now().toISOString();
  const link: StallHelperLink = {
    stallId: stall.id,
    vendorId: stall.vendorId,
    helperId: helper.id,
    name: helper.name,
    phone: helper.phone,
    addedAt: now,
    addedBy: actor.userId,
  };
  if ((await deps.onboarding.addStallHelper({ person: write, link })) === 'stale') throw stale();
  await deps.identity.syncRoles(helper, helper.roles);
  await deps.sms.send({
    to: helper.phone,
    text: helperInvitationText(deps.siteUrl, stall.vendorName, stall),
  });
  return { helper, changed: true };
}

/** The stall's vendor (or its market's manager) takes a helper's standing at this stall away. */
export async function removeStallHelper(
  deps: OnboardingDeps,
  actor: Actor,
  stallId: string,
  helperId: string,
): Promise<void> {
  const stall = await loadStall(deps, stallId);
  if (!ownsStall(actor, stall) && !managesMarketId(actor, stall.marketId)) throw forbidden();
  const helper = await deps.people.get(helperId);
  const grants = helper ? grantsOfProfile(helper) : [];
  if (!helper || !grants.some((grant) => isGrantAt(grant, stall.id))) return;
  const next = withGrants(
    helper,
    grants.filter((grant) => !isGrantAt(grant, stall.id)),
    deps.clock.now().toISOString(),
  );
  const audit = auditEntry(
    deps,
    actor.userId,
    'stall_helper_removed',
    { kind: 'person', id: helper.id },
    { roles: helper.roles, stall: stall.code },
    { roles: next.roles },
  );
  const result = await deps.onboarding.removeStallHelper({
    person: next,
    expectedVersion: helper.version ?? 0,
    stallId: stall.id,
    audit,
  });
  if (result === 'stale') throw stale();
  await deps.identity.syncRoles(next, next.roles);
}

/** Who helps at this stall now (for its vendor or its market's manager). */
export async function stallHelpers(
  deps: Pick<OnboardingDeps, 'onboarding'>,
  actor: Actor,
  stallId: string,
): Promise<StallHelperLink[]> {
  const stall = await loadStall(deps, stallId);
  if (!ownsStall(actor, stall) && !managesMarketId(actor, stall.marketId)) throw forbidden();
  const links = await deps.onboarding.listStallHelpers(stall.id);
  return links.filter((link) => link.vendorId === stall.vendorId);
}

/**
 * The stalls where the actor sells: a vendor's own, and for a helper the stalls their grants name that the
 * granting vendor still holds. A vacated or reassigned stall drops out by itself.
 */
export async function sellerStalls(
  store: Pick<MarketsStore, 'getStall' | 'listStallsOfVendor'>,
  actor: Actor,
): Promise<Stall[]> {
  const own = actor.roles.includes('vendor') ? await store.listStallsOfVendor(actor.userId) : [];
  const helped = await Promise.all(helpedStallIds(actor).map((id) => store.getStall(id)));
  const byId = new Map<string, Stall>();
  for (const stall of [...own, ...helped])
    if (stall && sellsAtStall(actor, stall) && !byId.has(stall.id)) byId.set(stall.id, stall);
  return [...byId.values()];
}

/** Whose till feed the actor watches, and which of its stalls: a vendor all their own, a helper their stalls. */
export interface TillScope {
  readonly vendorId: string;
  readonly stallIds: readonly string[];
}

export async function tillScopes(
  store: Pick<MarketsStore, 'getStall' | 'listStallsOfVendor'>,
  actor: Actor,
): Promise<TillScope[]> {
  const byVendor = new Map<string, string[]>();
  for (const stall of await sellerStalls(store, actor))
    byVendor.set(stall.vendorId, [...(byVendor.get(stall.vendorId) ?? []), stall.id]);
  return [...byVendor].map(([vendorId, stallIds]) => ({ vendorId, stallIds }));
}

/** The till entries credited after `since` to the stalls of these scopes, oldest first. */
export async function tillEntriesOf(
  store: Pick<MarketsStore, 'tillFeed'>,
  scopes: readonly TillScope[],
  since: string,
) {
  const feeds = await Promise.all(
    scopes.map(async (scope) =>
      (await store.tillFeed(scope.vendorId, since)).filter((entry) => scope.stallIds.includes(entry.stallId)),
    ),
  );
  return feeds.flat().sort((a, b) => a.creditedAt.localeCompare(b.creditedAt));
}
