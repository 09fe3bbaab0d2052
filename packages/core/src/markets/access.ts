/**
 * Who may see what: a vendor only their own stalls, a manager only the market they manage,
 * an admin everything. One place for the rule; every use-case asks here.
 */
import { forbidden, notFound } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import type { Market, Stall } from './model.ts';
import type { MarketsStore } from './ports.ts';

export const isAdmin = (actor: Actor) => actor.roles.includes('admin');
export const managesMarket = (actor: Actor, market: Market) =>
  isAdmin(actor) || (actor.roles.includes('market_manager') && market.managerId === actor.userId);
export const ownsStall = (actor: Actor, stall: Stall) =>
  actor.roles.includes('vendor') && stall.vendorId === actor.userId;

const STALL = { vi: 'sạp', en: 'stall' };
const MARKET = { vi: 'chợ', en: 'market' };

export async function loadMarketFor(store: MarketsStore, actor: Actor, marketId: string): Promise<Market> {
  const market = await store.getMarket(marketId);
  if (!market) throw notFound(MARKET);
  if (!managesMarket(actor, market)) throw forbidden();
  return market;
}

/** The stall, if the actor is its vendor or manages its market. */
export async function loadStallFor(
  store: MarketsStore,
  actor: Actor,
  stallId: string,
): Promise<{ stall: Stall; market: Market }> {
  const stall = await store.getStall(stallId);
  if (!stall) throw notFound(STALL);
  const market = await store.getMarket(stall.marketId);
  if (!market) throw notFound(MARKET);
  if (!ownsStall(actor, stall) && !managesMarket(actor, market)) throw forbidden();
  return { stall, market };
}

/** Only the stall's own vendor sells at it. */
export async function loadOwnStall(store: MarketsStore, actor: Actor, stallId: string): Promise<Stall> {
  const stall = await store.getStall(stallId);
  if (!stall) throw notFound(STALL);
  if (!ownsStall(actor, stall)) throw forbidden();
  return stall;
}
