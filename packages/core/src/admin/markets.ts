import { createHash } from 'node:crypto';
import * as z from 'zod';
import { distinctGrants, grantsOfProfile } from '../access/grants.ts';
import { assertAdmin } from '../access/rules.ts';
import { conflict, DomainError, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { type Market, maskAccountNumber, type Stall } from '../markets/model.ts';
import { AMOUNT_OF, DEFAULT_STALL_CEILING_VND, stallAmount } from '../money/amount-bounds.ts';
import { removeDiacritics } from '../text/fold.ts';
import { auditEntry } from './audit.ts';
import { bankAccountInput } from './bank-account.ts';
import type { ConsoleAuditEntry, Zone } from './model.ts';
import { invitationText, personNameInput, phoneInput } from './people.ts';
import { grantPerson } from './person-writes.ts';
import { communeSchema, provinceSchema } from './places.ts';
import type { ConsoleDeps, PersonWrite } from './ports.ts';

const MARKET = { vi: 'chợ', en: 'market' };

/** Upper-case ASCII, as printed on standees and typed into bank memos. */
const asciiCode = (max: number, vi: string, en: string) =>
  z
    .string()
    .trim()
    .transform((text) =>
      removeDiacritics(text)
        .toUpperCase()
        .replace(/[\s-]+/g, ''),
    )
    .pipe(z.string().regex(new RegExp(`^[A-Z0-9]{1,${max}}$`), bilingual(vi, en)));

/** The monthly stall fee: the one amount rule (money/amount-bounds.ts); a market may charge none. */
export const feeInput = stallAmount(AMOUNT_OF.monthlyFee, DEFAULT_STALL_CEILING_VND, { allowZero: true });

export const marketInput = z.object({
  name: z.string().trim().min(2, bilingual('Cần ghi tên chợ.', 'Enter the market’s name.')).max(120),
  code: asciiCode(
    10,
    'Mã chợ gồm 2–10 chữ cái hoặc số, không dấu (ví dụ TUCDUYEN).',
    'The market code has 2–10 letters or digits (e.g. TUCDUYEN).',
  ).pipe(z.string().min(2, bilingual('Mã chợ gồm 2–10 ký tự.', 'The code has 2–10 characters.'))),
  province: provinceSchema,
  commune: communeSchema,
  monthlyStallFeeVnd: feeInput,
});
export type MarketInput = z.input<typeof marketInput>;

export const marketEdit = marketInput
  .omit({ code: true })
  .extend({ version: z.number().int().nonnegative() });

const marketFacts = (market: Market) => ({
  code: market.code,
  name: market.name,
  province: market.province,
  commune: market.commune,
  monthlyStallFeeVnd: market.monthlyStallFeeVnd,
  status: market.status ?? 'open',
});

async function loadMarket(deps: Pick<ConsoleDeps, 'console'>, marketId: string): Promise<Market> {
  const market = await deps.console.getMarket(marketId);
  if (!market) throw notFound(MARKET, 'market_not_found');
  return market;
}

const stale = () =>
  conflict('market_stale', {
    vi: 'Chợ vừa được người khác sửa. Hãy tải lại trang rồi làm lại.',
    en: 'Someone else changed this market just now. Reload and try again.',
  });

export async function createMarket(deps: ConsoleDeps, actor: Actor, raw: unknown): Promise<Market> {
  assertAdmin(actor);
  const input = marketInput.parse(raw);
  const market: Market = { id: deps.newId(), ...input, status: 'open', version: 1 };
  const audit = auditEntry(
    deps,
    actor.userId,
    'market_created',
    { kind: 'market', id: market.id },
    null,
    marketFacts(market),
  );
  if ((await deps.console.createMarket(market, audit)) === 'code_taken')
    throw new DomainError(
      'conflict',
      'market_code_taken',
      { vi: 'Mã chợ này đã có chợ khác dùng.', en: 'Another market already has this code.' },
      {
        fields: [
          { path: 'body.code', code: 'taken', message: { vi: 'Mã đã được dùng.', en: 'Code already used.' } },
        ],
      },
    );
  return market;
}

export async function updateMarket(
  deps: ConsoleDeps,
  actor: Actor,
  marketId: string,
  raw: unknown,
): Promise<Market> {
  assertAdmin(actor);
  const input = marketEdit.parse(raw);
  const market = await loadMarket(deps, marketId);
  if ((market.version ?? 0) !== input.version) throw stale();
  const { version, ...fields } = input;
  const next: Market = { ...market, ...fields, version: version + 1 };
  const audit = auditEntry(
    deps,
    actor.userId,
    'market_updated',
    { kind: 'market', id: market.id },
    marketFacts(market),
    marketFacts(next),
  );
  if ((await deps.console.updateMarket(next, version, audit)) === 'stale') throw stale();
  return next;
}

export const marketStatusInput = z.object({
  status: z.enum(['open', 'closed']),
  version: z.number().int().nonnegative(),
});

/** Closes a market (or opens it again). Closing keeps everything; its stalls' payments still land. */
export async function setMarketStatus(deps: ConsoleDeps, actor: Actor, marketId: string, raw: unknown) {
  assertAdmin(actor);
  const input = marketStatusInput.parse(raw);
  const market = await loadMarket(deps, marketId);
  if ((market.version ?? 0) !== input.version) throw stale();
  const next: Market = { ...market, status: input.status, version: input.version + 1 };
  const action = input.status === 'closed' ? 'market_closed' : 'market_reopened';
  const audit = auditEntry(
    deps,
    actor.userId,
    action,
    { kind: 'market', id: market.id },
    marketFacts(market),
    marketFacts(next),
  );
  if ((await deps.console.updateMarket(next, input.version, audit)) === 'stale') throw stale();
  return next;
}

export const zoneInput = z.object({
  name: z.string().trim().min(1, bilingual('Cần ghi tên khu.', 'Enter the zone’s name.')).max(80),
});

export async function createZone(
  deps: ConsoleDeps,
  actor: Actor,
  marketId: string,
  raw: unknown,
): Promise<Zone> {
  assertAdmin(actor);
  const input = zoneInput.parse(raw);
  const market = await loadMarket(deps, marketId);
  const zone: Zone = {
    id: deps.newId(),
    marketId: market.id,
    name: input.name,
    createdAt: deps.clock.now().toISOString(),
  };
  const audit = auditEntry(deps, actor.userId, 'zone_created', { kind: 'zone', id: zone.id }, null, {
    marketId: market.id,
    name: zone.name,
  });
  if ((await deps.console.createZone(zone, audit)) === 'name_taken')
    throw new DomainError(
      'conflict',
      'zone_name_taken',
      { vi: 'Chợ này đã có khu cùng tên.', en: 'This market already has a zone with this name.' },
      {
        fields: [{ path: 'body.name', code: 'taken', message: { vi: 'Tên khu đã có.', en: 'Name taken.' } }],
      },
    );
  return zone;
}

export const stallNumberInput = asciiCode(
  6,
  'Số sạp gồm 1–6 chữ cái hoặc số, không dấu (ví dụ A01).',
  'The stall number has 1–6 letters or digits (e.g. A01).',
);

/** A stall and its vendor, as the console form and each import row give them. */
export const stallInput = z.object({
  zoneId: z.string().trim().min(1, bilingual('Cần chọn khu.', 'Choose a zone.')).max(40),
  number: stallNumberInput,
  vendorName: personNameInput,
  vendorPhone: phoneInput,
  goods: z.string().trim().max(120).default(''),
  monthlyFeeVnd: feeInput.optional(),
  account: bankAccountInput.optional(),
});
export type StallInput = z.input<typeof stallInput>;
type StallFields = z.infer<typeof stallInput>;

/**
 * A stall's id follows from its market and number, so the stall item itself is the claim on the number
 * (a conditional put): a re-imported row finds it, two writers of one stall cannot both win.
 */
export const stallIdOf = (marketId: string, number: string): string =>
  `STL${createHash('sha256').update(`${marketId}#${number}`).digest('hex').slice(0, 23).toUpperCase()}`;

/** A stall's public code: the market's code and the stall number (`TUCDUYEN-A01`), ASCII for bank memos. */
export const stallCodeOf = (market: Pick<Market, 'code'>, number: string) => `${market.code}-${number}`;

/** What the audit keeps of a stall (the declared account masked). */
export const stallFacts = (stall: Stall) => ({
  marketId: stall.marketId,
  code: stall.code,
  zone: stall.zone,
  number: stall.number,
  vendorId: stall.vendorId,
  vendorName: stall.vendorName,
  goods: stall.goods,
  ...(stall.monthlyFeeVnd !== undefined ? { monthlyFeeVnd: stall.monthlyFeeVnd } : {}),
  ...(stall.declaredAccount
    ? {
        declaredAccount: `${stall.declaredAccount.bin} ${maskAccountNumber(stall.declaredAccount.accountNumber)}`,
      }
    : {}),
});

/** What a new stall writes: the stall, its audit entry and its vendor (new, given the vendor role, or as is). */
export interface StallPlan {
  readonly stall: Stall;
  readonly audit: ConsoleAuditEntry;
  readonly person?: PersonWrite;
  /** A new person to text an invitation to once the write succeeded. */
  readonly invite?: UserProfile;
}

/** The vendor of a stall being planned: an existing person (given the vendor role if need be) or a new one. */
export interface VendorPlan {
  readonly vendorId: string;
  readonly vendorName: string;
  /** The person's write in the stall's transaction (none when they are a vendor already). */
  readonly person?: PersonWrite;
  /** A new person to text an invitation to once the write succeeded. */
  readonly invite?: UserProfile;
}

/**
 * The person who will hold a stall: `vendor` is whoever has this phone already. A deactivated or erased
 * person cannot be given a stall. Shared by the console, the import and a manager's assignment, so a vendor
 * is brought in the same way everywhere.
 */
export async function planVendor(
  deps: Pick<ConsoleDeps, 'identity' | 'clock' | 'newId'>,
  actorId: string,
  given: { readonly name: string; readonly phone: string },
  vendor: UserProfile | undefined,
  /** The identity provider's id for a new vendor, when the caller already asked for it. */
  newVendorId?: string,
): Promise<VendorPlan> {
  if (vendor?.status === 'deactivated' || vendor?.status === 'erased')
    throw new DomainError('conflict', 'vendor_deactivated', {
      vi: 'Người bán có số điện thoại này đang bị khoá.',
      en: 'The vendor with this phone number is deactivated.',
    });
  if (vendor && grantsOfProfile(vendor).some((grant) => grant.role === 'vendor'))
    return { vendorId: vendor.id, vendorName: vendor.name };
  if (vendor) {
    const { write } = await grantPerson(deps, {
      actorId,
      given,
      existing: vendor,
      grants: (current) => distinctGrants([...current, { role: 'vendor' }]),
      action: 'grants_changed',
    });
    return { vendorId: vendor.id, vendorName: vendor.name, person: write };
  }
  const { person, write } = await grantPerson(deps, {
    actorId,
    given,
    existing: undefined,
    grants: () => [{ role: 'vendor' }],
    action: 'person_invited',
    ...(newVendorId ? { newPersonId: newVendorId } : {}),
  });
  return { vendorId: person.id, vendorName: given.name, invite: person, person: write };
}

/**
 * Plans one stall of a market's zone with its vendor. Shared by the console form and the import, so a
 * stall made either way is the same stall. `vendor` is the person with this phone, if any.
 */
export async function planStall(
  deps: Pick<ConsoleDeps, 'identity' | 'clock' | 'newId'>,
  actorId: string,
  market: Market,
  zone: Zone,
  fields: StallFields,
  vendor: UserProfile | undefined,
  /** The identity provider's id for a new vendor, when the caller already asked for it. */
  newVendorId?: string,
): Promise<StallPlan> {
  const { vendorId, vendorName, person, invite } = await planVendor(
    deps,
    actorId,
    { name: fields.vendorName, phone: fields.vendorPhone },
    vendor,
    newVendorId,
  );
  const stall: Stall = {
    id: stallIdOf(market.id, fields.number),
    marketId: market.id,
    code: stallCodeOf(market, fields.number),
    zone: zone.name,
    zoneId: zone.id,
    number: fields.number,
    vendorId,
    vendorName,
    goods: fields.goods,
    ...(fields.monthlyFeeVnd !== undefined ? { monthlyFeeVnd: fields.monthlyFeeVnd } : {}),
    ...(fields.account ? { declaredAccount: fields.account } : {}),
  };
  const audit = auditEntry(
    deps,
    actorId,
    'stall_created',
    { kind: 'stall', id: stall.id },
    null,
    stallFacts(stall),
  );
  return { stall, audit, ...(person ? { person } : {}), ...(invite ? { invite } : {}) };
}

/** Is this stored stall what this row says (so a re-import changes nothing)? */
export function sameStall(
  stored: Stall,
  vendor: UserProfile | undefined,
  fields: StallFields,
  zone: Zone,
): boolean {
  return (
    stored.zoneId === zone.id &&
    vendor?.id === stored.vendorId &&
    stored.goods === fields.goods &&
    stored.monthlyFeeVnd === fields.monthlyFeeVnd &&
    stored.declaredAccount?.bin === fields.account?.bin &&
    stored.declaredAccount?.accountNumber === fields.account?.accountNumber
  );
}

export const stallTaken = () =>
  new DomainError(
    'conflict',
    'stall_number_taken',
    { vi: 'Chợ này đã có sạp số này.', en: 'This market already has a stall with this number.' },
    {
      fields: [{ path: 'body.number', code: 'taken', message: { vi: 'Số sạp đã có.', en: 'Number taken.' } }],
    },
  );

/** One stall from the console form, with its vendor invited if new. */
export async function createStall(
  deps: ConsoleDeps,
  actor: Actor,
  marketId: string,
  raw: unknown,
): Promise<Stall> {
  assertAdmin(actor);
  const fields = stallInput.parse(raw);
  const market = await loadMarket(deps, marketId);
  const zone = (await deps.console.listZones(market.id)).find((entry) => entry.id === fields.zoneId);
  if (!zone)
    throw new DomainError(
      'unprocessable',
      'zone_not_found',
      { vi: 'Chợ này không có khu đã chọn.', en: 'This market has no such zone.' },
      {
        fields: [
          {
            path: 'body.zoneId',
            code: 'not_found',
            message: { vi: 'Không có khu này.', en: 'No such zone.' },
          },
        ],
      },
    );
  const vendor = await deps.people.getByPhone(fields.vendorPhone);
  const plan = await planStall(deps, actor.userId, market, zone, fields, vendor);
  const result = await deps.console.createStall(plan.stall, plan.audit, plan.person);
  if (result === 'number_taken' || result === 'code_taken') throw stallTaken();
  if (result === 'person_stale')
    throw conflict('person_stale', {
      vi: 'Người bán vừa được người khác sửa. Hãy gửi lại.',
      en: 'The vendor was changed just now. Please submit again.',
    });
  if (plan.invite) {
    await deps.identity.syncRoles(plan.invite, plan.invite.roles);
    await deps.sms.send({ to: plan.invite.phone, text: invitationText(deps, { role: 'vendor' }) });
  } else if (plan.person) {
    await deps.identity.syncRoles(plan.person.profile, plan.person.profile.roles);
  }
  return plan.stall;
}

/** A market with its zones and stalls, for the console. */
export async function consoleMarket(deps: Pick<ConsoleDeps, 'console'>, actor: Actor, marketId: string) {
  assertAdmin(actor);
  const market = await loadMarket(deps, marketId);
  const [zones, stalls] = await Promise.all([
    deps.console.listZones(market.id),
    deps.console.listStallsOfMarket(market.id),
  ]);
  return { market, zones, stalls };
}

export async function listConsoleMarkets(
  deps: Pick<ConsoleDeps, 'console'>,
  actor: Actor,
): Promise<Market[]> {
  assertAdmin(actor);
  return (await deps.console.listMarkets()).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}
