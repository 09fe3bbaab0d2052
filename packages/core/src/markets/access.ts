/**
 * Who may see what in the markets: a vendor only their own stalls, a manager only the markets granted to
 * them, an admin everything. The rules themselves live in the access module (../access/rules.ts); this
 * file loads the stored market or stall a use-case acts on and applies them.
 */
import { isAdmin, managesMarketId, otherMarket, ownsStall, sellsAtStall } from '../access/rules.ts';
import { forbidden, notFound } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import type { Market, PaymentAccount, Stall } from './model.ts';
import type { MarketsStore } from './ports.ts';

export { isAdmin, ownsStall };

/** Manages this stored market (by grant), or is an admin. */
export const managesMarket = (actor: Actor, market: Pick<Market, 'id'>) => managesMarketId(actor, market.id);

const STALL = { vi: 'sạp', en: 'stall' };
const MARKET = { vi: 'chợ', en: 'market' };

export async function loadMarketFor(store: MarketsStore, actor: Actor, marketId: string): Promise<Market> {
  const market = await store.getMarket(marketId);
  if (!market) throw notFound(MARKET);
  if (!managesMarket(actor, market)) throw otherMarket();
  return market;
}

/**
 * The stall, if the actor is its vendor or manages its market (the market the stored stall names); with
 * `helpers`, also a helper of the stall's vendor there (the day's sales and till, never the accounts).
 */
export async function loadStallFor(
  store: MarketsStore,
  actor: Actor,
  stallId: string,
  options: { readonly helpers?: boolean } = {},
): Promise<{ stall: Stall; market: Market }> {
  const stall = await store.getStall(stallId);
  if (!stall) throw notFound(STALL);
  const market = await store.getMarket(stall.marketId);
  if (!market) throw notFound(MARKET);
  const seller = options.helpers ? sellsAtStall(actor, stall) : ownsStall(actor, stall);
  if (!seller && !managesMarket(actor, market)) throw forbidden();
  return { stall, market };
}

/** Only the stall's own vendor, or a helper of that vendor at this stall, sells at it. */
export async function loadOwnStall(store: MarketsStore, actor: Actor, stallId: string): Promise<Stall> {
  const stall = await store.getStall(stallId);
  if (!stall) throw notFound(STALL);
  if (!sellsAtStall(actor, stall)) throw forbidden();
  return stall;
}

/** The account a stall's QR pays into, if it is active: no active account, no QR. */
export async function activeAccountOfStall(store: MarketsStore, stall: Stall): Promise<PaymentAccount> {
  const account = stall.accountId ? await store.getAccount(stall.vendorId, stall.accountId) : undefined;
  if (account?.status !== 'active')
    throw notFound({ vi: 'tài khoản nhận tiền của sạp', en: 'stall payment account' });
  return account;
}
