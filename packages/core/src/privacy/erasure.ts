/**
 * A person asks for their account to be deleted. The account is anonymised at once: no name, no phone, no
 * roles, refused everywhere; the stalls they held are emptied (their QR pays nobody), their payment accounts
 * retired, their payout account removed, their listings taken down. What accounting and traceability rules
 * require is kept, tied only to the account's bare id: orders (with the contact they were placed with),
 * payments, stall ledgers and sales books, the traceability records of lots already sold, consent records
 * (the proof of what was agreed) and the console's audit log (decision 0822).
 */
import * as z from 'zod';
import { grantsOfProfile } from '../access/grants.ts';
import { auditEntry } from '../admin/audit.ts';
import type { ConsoleDeps } from '../admin/ports.ts';
import { conflict, DomainError, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Role } from '../identity/roles.ts';
import type { Actor } from '../identity/user.ts';
import type { MarketsStore } from '../markets/ports.ts';
import { vacantStall } from '../onboarding/stalls.ts';
import type { PrivacyStore } from './ports.ts';

/** How the page says what stays, and for how long. */
export const RETENTION = {
  /** Law on Accounting 2015, art. 41; Decree 174/2016/ND-CP, art. 12: documents used for the books. */
  accountingYears: 10,
} as const;

export const ERASED_NAME = 'Người dùng đã xoá';

/** Roles that act for others: an administrator revokes them first (they carry the audit's accountability). */
const positionRoles: readonly Role[] = ['admin', 'market_manager', 'commune_officer', 'digital_helper'];

export const erasureInput = z.object({
  confirm: z.literal(true, {
    error: bilingual('Hãy đánh dấu ô xác nhận.', 'Tick the box to confirm.'),
  }),
});

export interface ErasureDeps extends Pick<ConsoleDeps, 'people' | 'identity' | 'clock' | 'newId'> {
  readonly privacy: Pick<PrivacyStore, 'erase'>;
  readonly markets: Pick<MarketsStore, 'listStallsOfVendor' | 'listAccounts'>;
  readonly listings: {
    listByFarmer(farmerId: string): Promise<Array<{ id: string; status: string }>>;
    update(id: string, patch: { status: 'archived' }, updatedAt: string): Promise<unknown>;
  };
}

/** The profile as it stays after erasure: the id (orders and ledgers point to it) and nothing personal. */
export function anonymised(profile: UserProfile, now: string): UserProfile {
  return {
    id: profile.id,
    phone: '',
    name: ERASED_NAME,
    roles: [],
    grants: [],
    status: 'erased',
    version: (profile.version ?? 0) + 1,
    createdAt: profile.createdAt,
    updatedAt: now,
  };
}

export async function eraseMyAccount(deps: ErasureDeps, actor: Actor, raw: unknown): Promise<void> {
  erasureInput.parse(raw);
  const profile = await deps.people.get(actor.userId);
  if (!profile) throw notFound({ vi: 'tài khoản', en: 'account' });
  if (profile.status === 'erased') return;
  const positions = profile.roles.filter((role) => positionRoles.includes(role));
  if (positions.length > 0)
    throw new DomainError(
      'conflict',
      'holds_positions',
      {
        vi: 'Tài khoản đang giữ vai trò quản lý (quản trị, quản lý chợ, cán bộ xã hoặc tổ công nghệ số). Hãy nhờ quản trị viên tỉnh thu hồi vai trò trước khi xoá tài khoản.',
        en: 'This account holds a position (administrator, market manager, commune officer or digital team). Ask the province administrator to revoke it before deleting the account.',
      },
      { details: { roles: positions } },
    );
  const now = deps.clock.now().toISOString();
  // Listings first (each archive is idempotent): a retry after a failed erasure finishes them.
  for (const listing of await deps.listings.listByFarmer(profile.id))
    if (listing.status !== 'archived') await deps.listings.update(listing.id, { status: 'archived' }, now);
  const [stalls, accounts] = await Promise.all([
    deps.markets.listStallsOfVendor(profile.id),
    deps.markets.listAccounts(profile.id),
  ]);
  const helped = grantsOfProfile(profile).flatMap((grant) =>
    grant.role === 'stall_helper' ? [grant.stallId] : [],
  );
  const next = anonymised(profile, now);
  const audit = auditEntry(
    deps,
    actor.userId,
    'person_erased',
    { kind: 'person', id: profile.id },
    { roles: profile.roles, stalls: stalls.map((stall) => stall.code) },
    { status: 'erased' },
  );
  const result = await deps.privacy.erase({
    profile: next,
    expectedVersion: profile.version ?? 0,
    vacated: stalls.filter((stall) => stall.vendorId === profile.id).map(vacantStall),
    retiredAccounts: accounts
      .filter((account) => account.status === 'active')
      .map((account) => ({ vendorId: profile.id, accountId: account.id })),
    helperOfStalls: helped,
    audit,
  });
  if (result === 'stale')
    throw conflict('account_stale', {
      vi: 'Tài khoản vừa thay đổi. Hãy tải lại trang rồi làm lại.',
      en: 'Your account changed just now. Reload and try again.',
    });
  await deps.identity.forget(profile);
}
