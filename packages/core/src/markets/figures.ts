/**
 * A manager's view of one market day, and the open-data rows derived from the same figures
 * (aggregates only: no names, phones, account numbers or memos).
 */
import { type CsvColumn, type CsvLang, localizedCsv, vietnamDateTime } from '../text/csv.ts';
import type { CreditVia, LedgerEntry, Market, Stall } from './model.ts';
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

export { csvField, toCsv } from '../text/csv.ts';

const creditedVia: Record<CreditVia, { vi: string; en: string }> = {
  sale: { vi: 'mã bán hàng', en: 'sale code' },
  stall_code: { vi: 'mã sạp', en: 'stall code' },
  sole_stall: { vi: 'sạp duy nhất của tài khoản', en: 'only stall of the account' },
  review: { vi: 'quản lý xét duyệt', en: 'manager review' },
};

/**
 * The manager's export of one market day: one line per credited payment, no memo (it may hold names).
 * Vietnamese headers and Vietnam time (text/csv.ts); English on request.
 */
export function ledgerCsv(
  entries: readonly LedgerEntry[],
  stalls: readonly Stall[],
  lang: CsvLang = 'vi',
): string {
  const codes = new Map(stalls.map((stall) => [stall.id, stall.code]));
  const columns: CsvColumn<LedgerEntry>[] = [
    {
      vi: 'Thời điểm nhận (giờ Việt Nam)',
      en: 'Received at (Vietnam time)',
      value: (e) => vietnamDateTime(e.receivedAt),
    },
    { vi: 'Sạp', en: 'Stall', value: (e) => codes.get(e.stallId) ?? e.stallId },
    { vi: 'Số tiền (đồng)', en: 'Amount (VND)', value: (e) => e.amountVnd },
    { vi: 'Khớp theo', en: 'Matched by', value: (e) => creditedVia[e.via]?.[lang] ?? e.via },
    { vi: 'Mã bán hàng', en: 'Sale code', value: (e) => e.saleCode ?? '' },
    { vi: 'Dịch vụ báo có', en: 'Notification service', value: (e) => e.provider },
    { vi: 'Mã giao dịch', en: 'Transaction id', value: (e) => e.providerTransactionId },
  ];
  return localizedCsv(
    columns,
    [...entries].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    lang,
  );
}

export const OPEN_DATA_LICENCE = {
  name: 'Creative Commons Attribution 4.0 International (CC BY 4.0)',
  url: 'https://creativecommons.org/licenses/by/4.0/',
  attribution: 'Chợ Phiên – số liệu chợ 4.0',
} as const;
