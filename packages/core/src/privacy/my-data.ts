/**
 * A person's right to their data (Law on Personal Data Protection, in force 1 January 2026): everything the
 * platform holds about the signed-in person, in one document the page shows and the JSON download carries.
 * Their own records are shown in full (their own account numbers too: it is their data); other people's
 * data in the same records (a buyer's contact on a farmer's order) stays as the order holds it.
 */
import { grantsOfProfile } from '../access/grants.ts';
import type { Product } from '../catalog/product.ts';
import { notFound } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import type { Order } from '../marketplace/order.ts';
import type { PayoutAccount } from '../marketplace/payout-account.ts';
import type { OrderStore, PayoutAccountStore } from '../marketplace/ports.ts';
import type { AuditEntry, PaymentAccount, Stall } from '../markets/model.ts';
import type { MarketsStore } from '../markets/ports.ts';
import type { Farm } from '../trace/farm.ts';
import type { TraceRepository } from '../trace/ports.ts';
import { type ConsentText, consentTextOf } from './consent-texts.ts';
import type { ConsentRecord } from './model.ts';
import type { PrivacyStore } from './ports.ts';

export interface MyDataDeps {
  readonly people: { get(id: string): Promise<UserProfile | undefined> };
  readonly privacy: Pick<PrivacyStore, 'listConsents'>;
  readonly markets: Pick<MarketsStore, 'listStallsOfVendor' | 'listAccounts' | 'listAudit'>;
  readonly payouts: Pick<PayoutAccountStore, 'get'>;
  readonly listings: { listByFarmer(farmerId: string): Promise<Product[]> };
  readonly trace: Pick<TraceRepository, 'listFarmsByOwner'>;
  readonly orders: Pick<OrderStore, 'listByBuyer' | 'listByFarmer'>;
  readonly clock: { now(): Date };
}

/** How much of each list the export carries; more than any household or stall has in practice. */
const LIST_LIMIT = 500;

export interface MyData {
  readonly generatedAt: string;
  readonly profile: Pick<UserProfile, 'id' | 'name' | 'phone' | 'roles' | 'status' | 'createdAt'> & {
    readonly grants: ReturnType<typeof grantsOfProfile>;
    readonly province?: string;
    readonly commune?: string;
    readonly onBehalfConsent?: string;
  };
  readonly consents: Array<ConsentRecord & { readonly text?: ConsentText }>;
  readonly stalls: Stall[];
  readonly paymentAccounts: PaymentAccount[];
  readonly accountHistory: AuditEntry[];
  readonly payoutAccount?: PayoutAccount;
  readonly farms: Farm[];
  readonly listings: Product[];
  readonly ordersAsBuyer: Order[];
  readonly ordersAsSeller: Order[];
}

export async function myData(deps: MyDataDeps, actor: Actor): Promise<MyData> {
  const profile = await deps.people.get(actor.userId);
  if (!profile) throw notFound({ vi: 'tài khoản', en: 'account' });
  const id = profile.id;
  const [consents, stalls, accounts, history, payout, farms, listings, bought, sold] = await Promise.all([
    deps.privacy.listConsents(id),
    deps.markets.listStallsOfVendor(id),
    deps.markets.listAccounts(id),
    deps.markets.listAudit(id),
    deps.payouts.get(id),
    deps.trace.listFarmsByOwner(id, LIST_LIMIT),
    deps.listings.listByFarmer(id),
    deps.orders.listByBuyer(id, LIST_LIMIT),
    deps.orders.listByFarmer(id, { limit: LIST_LIMIT }),
  ]);
  return {
    generatedAt: deps.clock.now().toISOString(),
    profile: {
      id,
      name: profile.name,
      phone: profile.phone,
      roles: profile.roles,
      grants: grantsOfProfile(profile),
      status: profile.status ?? 'active',
      createdAt: profile.createdAt,
      ...(profile.province ? { province: profile.province } : {}),
      ...(profile.commune ? { commune: profile.commune } : {}),
      ...(profile.onBehalfConsent ? { onBehalfConsent: profile.onBehalfConsent } : {}),
    },
    consents: consents.map((consent) => {
      const text = consentTextOf(consent.purpose, consent.version);
      return text ? { ...consent, text } : consent;
    }),
    stalls,
    paymentAccounts: accounts,
    accountHistory: history,
    ...(payout ? { payoutAccount: payout } : {}),
    farms,
    listings,
    ordersAsBuyer: bought,
    ordersAsSeller: sold,
  };
}

/** The JSON download: the same document, pretty-printed, UTF-8. */
export const myDataJson = (data: MyData): string => `${JSON.stringify(data, null, 2)}\n`;
