import { type Actor, managesMarket, type RefundDeps } from '@chophien/core';
import { refundStore } from '@chophien/db';
import { getDb } from '../../lib/services.ts';
import { marketsDeps } from '../markets/services.ts';

let deps: (RefundDeps & { managedMarkets: (actor: Actor) => Promise<string[]> }) | undefined;

/** Refund cases for the storefront (in-process, same table and rules as the API's refund routes). */
export function refundDeps() {
  if (!deps) {
    const { store, clock } = marketsDeps();
    deps = {
      refunds: refundStore(getDb()),
      markets: store,
      clock,
      managedMarkets: async (actor) =>
        (await store.listMarkets())
          .filter((market) => managesMarket(actor, market))
          .map((market) => market.id),
    };
  }
  return deps;
}
