/**
 * Open data: per market and day, aggregates only, served from items a job pre-computes (never a fan-out
 * of ledger queries per request), with small cells suppressed so no vendor's takings can be read off.
 */
import * as z from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import type { MarketDayFigures } from './figures.ts';
import { figuresOf } from './manager-console.ts';
import type { Market } from './model.ts';
import type { Clock, MarketsStore } from './ports.ts';
import { vietnamDay } from './time.ts';

/**
 * Takings are published only when at least this many vendors took cashless payments in the market that
 * day: with one vendor the "market total" is their takings, with two each can subtract their own.
 */
export const OPEN_DATA_MIN_VENDORS = 3;
export const MAX_OPEN_DATA_DAYS = 31;

/** What the job stores per market and day (all aggregates; the market's public identity beside them). */
export interface MarketDayAggregate {
  readonly marketId: string;
  readonly marketCode: string;
  readonly marketName: string;
  readonly province: string;
  readonly commune: string;
  readonly day: string;
  readonly stalls: number;
  readonly activeQrShare: number;
  readonly cashlessCount: number;
  readonly cashlessValueVnd: number;
  readonly activeVendors: number;
  readonly computedAt: string;
}

/** Pre-computed market days; packages/db keeps one item per market and day under the day's partition. */
export interface OpenDataStore {
  putDays(aggregates: readonly MarketDayAggregate[]): Promise<void>;
  /** Every market's aggregate for `day`. */
  listDay(day: string): Promise<MarketDayAggregate[]>;
}

export const aggregateOf = (market: Market, figures: MarketDayFigures, at: Date): MarketDayAggregate => ({
  marketId: market.id,
  marketCode: market.code,
  marketName: market.name,
  province: market.province,
  commune: market.commune,
  day: figures.day,
  stalls: figures.stalls,
  activeQrShare: figures.activeQrShare,
  cashlessCount: figures.cashlessCount,
  cashlessValueVnd: figures.cashlessValueVnd,
  activeVendors: figures.activeVendors,
  computedAt: at.toISOString(),
});

/** The public row, field by field (the one shape JSON and CSV are written from). */
export const openDataRowSchema = z.strictObject({
  market_code: z.string(),
  market_name: z.string(),
  province: z.string(),
  commune: z.string(),
  day: z.iso.date(),
  stalls: z.number().int().min(0),
  stalls_with_qr_share: z.number().min(0).max(1),
  /** null when fewer than OPEN_DATA_MIN_VENDORS vendors took payments (suppressed). */
  cashless_transactions: z.number().int().min(0).nullable(),
  cashless_value_vnd: z.number().int().min(0).nullable(),
  active_vendors: z.number().int().min(0),
  suppressed: z.boolean(),
});
export type OpenDataRow = z.infer<typeof openDataRowSchema>;
export const OPEN_DATA_COLUMNS = Object.keys(openDataRowSchema.shape) as (keyof OpenDataRow)[];

/** Small cells (1 or 2 vendors) are suppressed; a day with no payments at all reveals no one's takings. */
export function publicOpenDataRow(day: MarketDayAggregate): OpenDataRow {
  const suppressed = day.activeVendors > 0 && day.activeVendors < OPEN_DATA_MIN_VENDORS;
  return openDataRowSchema.parse({
    market_code: day.marketCode,
    market_name: day.marketName,
    province: day.province,
    commune: day.commune,
    day: day.day,
    stalls: day.stalls,
    stalls_with_qr_share: day.activeQrShare,
    cashless_transactions: suppressed ? null : day.cashlessCount,
    cashless_value_vnd: suppressed ? null : day.cashlessValueVnd,
    active_vendors: day.activeVendors,
    suppressed,
  });
}

export interface OpenDataDeps {
  readonly store: MarketsStore;
  readonly openData: OpenDataStore;
  readonly clock: Clock;
}

/** Vietnamese days from `from` to `to` inclusive; 400 past MAX_OPEN_DATA_DAYS. */
export function openDataDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
    if (days.length > MAX_OPEN_DATA_DAYS) {
      throw new DomainError('validation', 'range_too_long', {
        vi: `Tối đa ${MAX_OPEN_DATA_DAYS} ngày mỗi lần.`,
        en: `At most ${MAX_OPEN_DATA_DAYS} days per request.`,
      });
    }
  }
  return days;
}

/**
 * The job: recomputes every market's aggregate for `days` (default today and yesterday, Vietnamese days:
 * a late notification still lands in yesterday) and stores them. Idempotent; payments are never touched.
 */
export async function refreshOpenData(
  deps: OpenDataDeps,
  days: readonly string[] = [
    vietnamDay(deps.clock.now()),
    vietnamDay(new Date(deps.clock.now().getTime() - 86_400_000)),
  ],
): Promise<{ markets: number; days: number }> {
  const at = deps.clock.now();
  const markets = await deps.store.listMarkets();
  for (const day of days) {
    const aggregates: MarketDayAggregate[] = [];
    for (const market of markets)
      aggregates.push(aggregateOf(market, (await figuresOf(deps.store, market, day)).figures, at));
    await deps.openData.putDays(aggregates);
  }
  return { markets: markets.length, days: days.length };
}

/** Public: one read per day of pre-computed items, small cells suppressed. */
export async function openMarketData(
  deps: Pick<OpenDataDeps, 'openData'>,
  from: string,
  to: string,
): Promise<OpenDataRow[]> {
  const rows: OpenDataRow[] = [];
  for (const day of openDataDays(from, to)) {
    const aggregates = await deps.openData.listDay(day);
    rows.push(...aggregates.sort((a, b) => a.marketCode.localeCompare(b.marketCode)).map(publicOpenDataRow));
  }
  return rows;
}
