/**
 * A manager's view of one market day, and the open-data rows derived from the same figures
 * (aggregates only: no names, phones, account numbers or memos).
 */
import { toCsv } from '../output/csv.ts';
import type { LedgerEntry, Market, Stall } from './model.ts';
import { vietnamHour } from './time.ts';

export interface MarketDayFigures {
  readonly marketId: string;
  readonly day: string;
  readonly stalls: number;
  readonly stallsWithActiveQr: number;
  /** 0–1, rounded to 3 decimals. */
  readonly activeQrShare: number;
  readonly cashlessCount: number;
  readonly cashlessValueVnd: number;
  readonly activeVendors: number;
  /** Hours (Asia/Ho_Chi_Minh) by payment count, busiest first, at most 3. */
  readonly busiestHours: ReadonlyArray<{ hour: number; count: number; valueVnd: number }>;
}

export function marketDayFigures(input: {
  market: Market;
  day: string;
  stalls: readonly Stall[];
  activeAccountIds: ReadonlySet<string>;
  ledger: readonly LedgerEntry[];
}): MarketDayFigures {
  const withQr = input.stalls.filter(
    (stall) => stall.accountId && input.activeAccountIds.has(stall.accountId),
  ).length;
  const hours = new Map<number, { hour: number; count: number; valueVnd: number }>();
  for (const entry of input.ledger) {
    const hour = vietnamHour(entry.receivedAt);
    const bucket = hours.get(hour) ?? { hour, count: 0, valueVnd: 0 };
    bucket.count += 1;
    bucket.valueVnd += entry.amountVnd;
    hours.set(hour, bucket);
  }
  return {
    marketId: input.market.id,
    day: input.day,
    stalls: input.stalls.length,
    stallsWithActiveQr: withQr,
    activeQrShare: input.stalls.length === 0 ? 0 : Math.round((withQr / input.stalls.length) * 1000) / 1000,
    cashlessCount: input.ledger.length,
    cashlessValueVnd: input.ledger.reduce((sum, entry) => sum + entry.amountVnd, 0),
    activeVendors: new Set(input.ledger.map((entry) => entry.vendorId)).size,
    busiestHours: [...hours.values()].sort((a, b) => b.count - a.count || a.hour - b.hour).slice(0, 3),
  };
}

// CSV is written by the one CSV serializer (core/output/csv.ts); re-exported for the markets area's callers.
export { csvField, toCsv } from '../output/csv.ts';

/** The manager's export of one market day: one line per credited payment, no memo (it may hold names). */
export function ledgerCsv(entries: readonly LedgerEntry[], stalls: readonly Stall[]): string {
  const codes = new Map(stalls.map((stall) => [stall.id, stall.code]));
  return toCsv(
    ['received_at', 'stall', 'amount_vnd', 'matched_by', 'sale_code', 'provider', 'transaction_id'],
    [...entries]
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
      .map((entry) => [
        entry.receivedAt,
        codes.get(entry.stallId) ?? entry.stallId,
        entry.amountVnd,
        entry.via,
        entry.saleCode ?? '',
        entry.provider,
        entry.providerTransactionId,
      ]),
  );
}

export const OPEN_DATA_LICENCE = {
  name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Chợ Phiên – số liệu chợ 4.0',
} as const;
