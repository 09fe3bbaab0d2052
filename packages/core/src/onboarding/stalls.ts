/**
 * A market's manager brings vendors in: a vacant stall is given to a person by phone (invited if new), an
 * occupied one is vacated, and the standees of stalls whose vendor has confirmed an account are printed
 * in one go. Nothing here makes a QR: a stall pays only an account its vendor confirmed with the code sent
 * to their phone (markets/account-change.ts), never the account someone typed for them (decision 0820).
 */
import * as z from 'zod';
import { isAdmin, managesMarketId, otherMarket } from '../access/rules.ts';
import { auditEntry } from '../admin/audit.ts';
import { bankAccountInput } from '../admin/bank-account.ts';
import { planVendor, stallFacts } from '../admin/markets.ts';
import { personNameInput, phoneInput } from '../admin/people.ts';
import { conflict, forbidden, notFound } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { type Market, maskAccountNumber, type PaymentAccount, type Stall } from '../markets/model.ts';
import type { OnboardingDeps } from './ports.ts';

const STALL = { vi: 'sạp', en: 'stall' };
const MARKET = { vi: 'chợ', en: 'market' };

/** A stall nobody holds: no vendor, so no account, no QR, no helpers. */
export const isVacant = (stall: Pick<Stall, 'vendorId'>): boolean => stall.vendorId === '';

/** Where a stall stands on its way to taking payments, as its manager sees it. */
export type StallStage =
  /** Nobody holds it. */
  | 'vacant'
  /** Given to someone who has not signed in yet. */
  | 'invited'
  /** The vendor has signed in but not confirmed the account their QR pays. */
  | 'awaiting_account'
  /** Confirmed account, standee not printed for it yet (new stall, or the account changed). */
  | 'standee_due'
  | 'ready';

export function stallStage(
  stall: Stall,
  vendor: Pick<UserProfile, 'status'> | undefined,
  account: Pick<PaymentAccount, 'id' | 'status'> | undefined,
): StallStage {
  if (isVacant(stall)) return 'vacant';
  const active = account?.status === 'active' && account.id === stall.accountId;
  if (!active) return vendor?.status === 'invited' ? 'invited' : 'awaiting_account';
  return stall.standeeAccountId === stall.accountId ? 'ready' : 'standee_due';
}

/** The stored stall and its market, when the actor manages that market (or is an admin). */
async function loadManagedStall(
  deps: Pick<OnboardingDeps, 'onboarding'>,
  actor: Actor,
  stallId: string,
): Promise<{ stall: Stall; market: Market }> {
  const stall = await deps.onboarding.getStall(stallId);
  if (!stall) throw notFound(STALL);
  if (!managesMarketId(actor, stall.marketId)) throw otherMarket();
  const market = await deps.onboarding.getMarket(stall.marketId);
  if (!market) throw notFound(MARKET);
  return { stall, market };
}

async function loadManagedMarket(
  deps: Pick<OnboardingDeps, 'onboarding'>,
  actor: Actor,
  marketId: string,
): Promise<Market> {
  if (!isAdmin(actor) && !actor.roles.includes('market_manager')) throw forbidden();
  if (!managesMarketId(actor, marketId)) throw otherMarket();
  const market = await deps.onboarding.getMarket(marketId);
  if (!market) throw notFound(MARKET);
  return market;
}

export const assignStallInput = z.object({
  vendorName: personNameInput,
  vendorPhone: phoneInput,
  goods: z.string().trim().max(120).default(''),
  /** The account the vendor named, if any: shown to them to confirm, never paid into until they do. */
  account: bankAccountInput.optional(),
});
export type AssignStallInput = z.input<typeof assignStallInput>;

const stallOccupied = () =>
  conflict('stall_occupied', {
    vi: 'Sạp này đang có người bán. Hãy trả sạp trước khi giao cho người khác.',
    en: 'This stall has a vendor. Vacate it before giving it to someone else.',
  });

const stallChanged = () =>
  conflict('stall_changed', {
    vi: 'Sạp vừa được người khác thay đổi. Hãy tải lại trang rồi làm lại.',
    en: 'Someone else changed this stall just now. Reload and try again.',
  });

/** The SMS a vendor gets when a stall is given to them: where to sign in and what to do first. */
export function stallAssignedText(siteUrl: string, market: Market, stall: Stall): string {
  return `Chợ Phiên: bạn được giao sạp ${stall.number} (${stall.code}) ở ${market.name}. Đăng nhập bằng số điện thoại này tại ${siteUrl}/dang-nhap?next=/tai-khoan-nhan-tien để xác nhận tài khoản nhận tiền trước khi in mã QR.`;
}

/** A stall without a vendor and everything that followed from having one. */
export function vacantStall(stall: Stall): Stall {
  const {
    accountId: _account,
    declaredAccount: _declared,
    standeeAccountId: _standee,
    standeePrintedAt: _printed,
    ...rest
  } = stall;
  return { ...rest, vendorId: '', vendorName: '', goods: '' };
}

/**
 * Gives a vacant stall of the manager's market to the person with this phone (invited if new). A vendor
 * who already confirmed an account has their stall pay it at once; otherwise the stall waits, with the
 * account the manager was told kept as `declaredAccount` for the vendor to confirm.
 */
export async function assignStall(
  deps: OnboardingDeps,
  actor: Actor,
  stallId: string,
  raw: unknown,
): Promise<Stall> {
  const input = assignStallInput.parse(raw);
  const { stall, market } = await loadManagedStall(deps, actor, stallId);
  if (!isVacant(stall)) {
    // The same assignment sent twice (a retried form): nothing more to do.
    const holder = await deps.people.get(stall.vendorId);
    if (holder?.phone === input.vendorPhone) return stall;
    throw stallOccupied();
  }
  const existing = await deps.people.getByPhone(input.vendorPhone);
  const plan = await planVendor(
    deps,
    actor.userId,
    { name: input.vendorName, phone: input.vendorPhone },
    existing,
  );
  const active = existing
    ? (await deps.onboarding.listAccounts(existing.id)).find((account) => account.status === 'active')
    : undefined;
  const next: Stall = {
    ...vacantStall(stall),
    vendorId: plan.vendorId,
    vendorName: plan.vendorName,
    goods: input.goods,
    ...(active ? { accountId: active.id } : input.account ? { declaredAccount: input.account } : {}),
  };
  const audit = auditEntry(
    deps,
    actor.userId,
    'stall_assigned',
    { kind: 'stall', id: stall.id },
    stallFacts(stall),
    stallFacts(next),
  );
  const result = await deps.onboarding.assignStall({
    stall: next,
    audit,
    ...(plan.person ? { person: plan.person } : {}),
  });
  if (result === 'taken') throw stallOccupied();
  if (result === 'person_stale') throw stallChanged();
  const person = plan.person?.profile;
  if (person) await deps.identity.syncRoles(person, person.roles);
  await deps.sms.send({ to: input.vendorPhone, text: stallAssignedText(deps.siteUrl, market, next) });
  return next;
}

export const vacateStallInput = z.object({
  /** The vendor the manager saw on the page: a stall given to someone else meanwhile is not vacated. */
  vendorId: z.string().trim().min(1).max(60),
});

/**
 * Empties a stall: from now on its QR pays nobody (no account), its vendor and their helpers cannot sell
 * there. Its ledger, sales and fees stay. Vacating a vacant stall changes nothing.
 */
export async function vacateStall(
  deps: OnboardingDeps,
  actor: Actor,
  stallId: string,
  raw: unknown,
): Promise<Stall> {
  const input = vacateStallInput.parse(raw);
  const { stall } = await loadManagedStall(deps, actor, stallId);
  if (isVacant(stall)) return stall;
  if (stall.vendorId !== input.vendorId) throw stallChanged();
  const next = vacantStall(stall);
  const audit = auditEntry(
    deps,
    actor.userId,
    'stall_vacated',
    { kind: 'stall', id: stall.id },
    stallFacts(stall),
    stallFacts(next),
  );
  if ((await deps.onboarding.vacateStall({ stall: next, vendorId: stall.vendorId, audit })) === 'changed')
    throw stallChanged();
  return next;
}

/** One stall as its manager's onboarding page shows it (account numbers masked). */
export interface OnboardingStallView {
  readonly stall: Stall;
  readonly stage: StallStage;
  readonly vendor?: { readonly name: string; readonly phone: string; readonly status: string };
  readonly account?: { readonly bin: string; readonly masked: string };
  readonly declared?: { readonly bin: string; readonly masked: string };
}

/** A managed market's stalls with where each stands, and how many are at each stage. */
export async function marketOnboarding(
  deps: Pick<OnboardingDeps, 'onboarding' | 'people'>,
  actor: Actor,
  marketId: string,
): Promise<{ market: Market; stalls: OnboardingStallView[]; stages: Record<StallStage, number> }> {
  const market = await loadManagedMarket(deps, actor, marketId);
  const stalls = await deps.onboarding.listStallsOfMarket(market.id);
  const vendorIds = [...new Set(stalls.map((stall) => stall.vendorId).filter((id) => id !== ''))];
  const [people, accounts] = await Promise.all([
    deps.people.getMany(vendorIds),
    Promise.all(vendorIds.map(async (id) => [id, await deps.onboarding.listAccounts(id)] as const)),
  ]);
  const accountsOf = new Map(accounts);
  const stages: Record<StallStage, number> = {
    vacant: 0,
    invited: 0,
    awaiting_account: 0,
    standee_due: 0,
    ready: 0,
  };
  const views = stalls
    .sort((a, b) => a.number.localeCompare(b.number, 'vi', { numeric: true }))
    .map((stall): OnboardingStallView => {
      const vendor = people.get(stall.vendorId);
      const account = accountsOf.get(stall.vendorId)?.find((entry) => entry.id === stall.accountId);
      const stage = stallStage(stall, vendor, account);
      stages[stage] += 1;
      return {
        stall,
        stage,
        ...(vendor
          ? { vendor: { name: vendor.name, phone: vendor.phone, status: vendor.status ?? 'active' } }
          : {}),
        ...(account?.status === 'active'
          ? { account: { bin: account.bin, masked: maskAccountNumber(account.accountNumber) } }
          : {}),
        ...(stall.declaredAccount
          ? {
              declared: {
                bin: stall.declaredAccount.bin,
                masked: maskAccountNumber(stall.declaredAccount.accountNumber),
              },
            }
          : {}),
      };
    });
  return { market, stalls: views, stages };
}

export const standeeSelection = z.object({
  /** `due`: only stalls whose standee was never printed for their current account; `all`: every ready stall. */
  which: z.enum(['due', 'all']).default('due'),
});

/**
 * The stalls whose standees a bulk print would hold: every stall that pays a confirmed account (`all`), or
 * only those whose standee was never printed for it (`due`). Stalls still waiting for their vendor's
 * confirmation are never printed: a standee shows the QR, and there is no QR without a confirmed account.
 */
export async function standeesToPrint(
  deps: Pick<OnboardingDeps, 'onboarding' | 'people'>,
  actor: Actor,
  marketId: string,
  raw: unknown,
): Promise<{ market: Market; stalls: Array<{ stall: Stall; accountId: string }>; waiting: number }> {
  const { which } = standeeSelection.parse(raw);
  const view = await marketOnboarding(deps, actor, marketId);
  const printable = view.stalls.filter(
    (entry) => entry.stage === 'standee_due' || (which === 'all' && entry.stage === 'ready'),
  );
  return {
    market: view.market,
    stalls: printable.map((entry) => ({ stall: entry.stall, accountId: entry.stall.accountId ?? '' })),
    waiting: view.stages.invited + view.stages.awaiting_account,
  };
}

/** Records that these standees were printed (each for the account it shows), so they leave the "due" list. */
export async function markStandeesPrinted(
  deps: OnboardingDeps,
  actor: Actor,
  marketId: string,
  printed: readonly { readonly stall: Stall; readonly accountId: string }[],
): Promise<number> {
  const market = await loadManagedMarket(deps, actor, marketId);
  const ours = printed.filter((entry) => entry.stall.marketId === market.id && entry.accountId !== '');
  if (ours.length === 0) return 0;
  const audit = auditEntry(deps, actor.userId, 'standees_printed', { kind: 'market', id: market.id }, null, {
    stalls: ours.map((entry) => entry.stall.code),
  });
  return deps.onboarding.markStandeesPrinted(
    ours.map((entry) => ({ stallId: entry.stall.id, accountId: entry.accountId })),
    deps.clock.now().toISOString(),
    audit,
  );
}
