/**
 * What a market manager and the province see of households' takings: aggregates only. A figure made of
 * fewer than MIN_HOUSEHOLDS households is withheld (its count shown as "fewer than 3"), and a total is the
 * sum of the figures shown, so no withheld figure can be recovered by subtracting shown ones.
 */
import * as z from 'zod';
import { forbidden } from '../errors/domain-error.ts';
import type { Actor } from '../identity/user.ts';
import { isAdmin, managesMarket } from '../markets/access.ts';
import type { Market } from '../markets/model.ts';
import { vietnamDay } from '../markets/time.ts';
import { daysOf, parsePeriod, periodKeySchema } from './period.ts';
import type { MarketTakings } from './ports.ts';

export const MIN_HOUSEHOLDS = 3;

export const aggregateQuerySchema = z.strictObject({ period: periodKeySchema });

export type MarketFigure =
  | {
      readonly marketId: string;
      readonly marketName: string;
      readonly commune: string;
      readonly province: string;
      readonly shown: true;
      readonly households: number;
      readonly payments: number;
      readonly totalVnd: number;
    }
  | {
      readonly marketId: string;
      readonly marketName: string;
      readonly commune: string;
      readonly province: string;
      readonly shown: false;
      /** Why there is no figure: fewer than MIN_HOUSEHOLDS households sold there in the period. */
      readonly reason: 'fewer_than_min_households';
    };

export interface TakingsAggregate {
  readonly period: string;
  readonly minHouseholds: number;
  readonly markets: readonly MarketFigure[];
  /** Sum over the shown markets only. */
  readonly shownTotalVnd: number;
  readonly withheldMarkets: number;
}

async function marketFigure(deps: MarketTakings, market: Market, periodKey: string): Promise<MarketFigure> {
  const period = parsePeriod(periodKey);
  const days = daysOf(period);
  const ledgers = await Promise.all(days.map((day) => deps.ledgerOfMarketDay(market.id, day)));
  const households = new Set<string>();
  let payments = 0;
  let totalVnd = 0;
  for (const entry of ledgers.flat()) {
    const day = vietnamDay(entry.receivedAt);
    if (day < period.firstDay || day > period.lastDay) continue;
    households.add(entry.vendorId);
    payments += 1;
    totalVnd += entry.amountVnd;
  }
  const where = {
    marketId: market.id,
    marketName: market.name,
    commune: market.commune,
    province: market.province,
  };
  if (households.size < MIN_HOUSEHOLDS)
    return { ...where, shown: false, reason: 'fewer_than_min_households' };
  return { ...where, shown: true, households: households.size, payments, totalVnd };
}

function aggregate(period: string, markets: MarketFigure[]): TakingsAggregate {
  return {
    period,
    minHouseholds: MIN_HOUSEHOLDS,
    markets,
    shownTotalVnd: markets.reduce((sum, m) => sum + (m.shown ? m.totalVnd : 0), 0),
    withheldMarkets: markets.filter((m) => !m.shown).length,
  };
}

/** One market's takings for a period: its manager or an admin. */
export async function marketTakings(
  deps: MarketTakings,
  actor: Actor,
  marketId: string,
  period: string,
): Promise<TakingsAggregate> {
  const market = await deps.getMarket(marketId);
  // Unknown and not-yours answer alike: a manager learns nothing about markets that are not theirs.
  if (!market || !managesMarket(actor, market)) throw forbidden('not_your_market');
  return aggregate(period, [await marketFigure(deps, market, period)]);
}

/** Every market of the platform (the province's view): admins only. */
export async function provinceTakings(
  deps: MarketTakings,
  actor: Actor,
  period: string,
): Promise<TakingsAggregate> {
  if (!isAdmin(actor)) throw forbidden();
  const markets = await deps.listMarkets();
  const figures: MarketFigure[] = [];
  // One market at a time: a month is ~30 queries per market; the table is shared with the payments path.
  for (const market of markets) figures.push(await marketFigure(deps, market, period));
  return aggregate(period, figures);
}
