/** What a vendor or a manager is allowed to list. */
import { forbidden } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import { isAdmin, loadMarketFor, managesMarket } from './access.ts';
import type { Market, Stall } from './model.ts';
import type { MarketsStore } from './ports.ts';

export async function listMyStalls(store: MarketsStore, actor: Actor): Promise<Stall[]> {
  if (!actor.roles.includes('vendor')) throw forbidden();
  return store.listStallsOfVendor(actor.userId);
}

export async function listManagedMarkets(store: MarketsStore, actor: Actor): Promise<Market[]> {
  const markets = await store.listMarkets();
  return isAdmin(actor) ? markets : markets.filter((market) => managesMarket(actor, market));
}

export async function listMarketStalls(store: MarketsStore, actor: Actor, marketId: string) {
  const market = await loadMarketFor(store, actor, marketId);
  return { market, stalls: await store.listStallsOfMarket(market.id) };
}
