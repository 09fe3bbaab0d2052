/**
 * What a household must watch and report about its revenue: the yearly threshold under which it owes no
 * VAT or PIT (a meter with a warning at 80 %), the half-year figures and the notification deadlines.
 * Sources and what could not be confirmed: docs/decisions/1000-household-sales-books.md.
 */
import type { BookFormCode, Localized } from './forms.ts';
import { parsePeriod } from './period.ts';
import { recordDay, type SalesRecord } from './sales-record.ts';

export interface RevenueThreshold {
  /** First tax year it applies to. */
  readonly fromYear: number;
  readonly amountVnd: number;
  readonly source: string;
}

/**
 * Yearly revenue at or under which a household owes neither VAT nor PIT ("từ … trở xuống"). A later
 * change is a new row with its first year, never an edit of an old one (books of past years keep theirs).
 */
export const REVENUE_THRESHOLDS: readonly RevenueThreshold[] = [
  {
    fromYear: 2026,
    amountVnd: 500_000_000,
    source: 'Luật Thuế thu nhập cá nhân (sửa đổi) số 109/2025/QH15, thông qua ngày 10/12/2025',
  },
];

export function thresholdFor(year: number): RevenueThreshold | undefined {
  return [...REVENUE_THRESHOLDS].reverse().find((t) => t.fromYear <= year);
}

export type MeterLevel = 'ok' | 'warning' | 'over';

export interface Deadline {
  readonly due: string;
  readonly form: string;
  readonly what: Localized;
  readonly source: string;
}

export interface RevenueReport {
  readonly year: number;
  readonly totalVnd: number;
  readonly thresholdVnd: number | undefined;
  readonly thresholdSource: string | undefined;
  /** The 80 % mark, in whole đồng (rounded up: the warning never comes late). */
  readonly warningAtVnd: number | undefined;
  readonly level: MeterLevel;
  /** Share of the threshold reached, in tenths of a percent (integer: 812 = 81.2 %). */
  readonly permille: number | undefined;
  readonly halves: ReadonlyArray<{
    readonly half: 1 | 2;
    readonly label: Localized;
    readonly totalVnd: number;
  }>;
  readonly months: ReadonlyArray<{ readonly month: string; readonly totalVnd: number }>;
  /** The book this year's revenue calls for when PIT is paid on revenue. */
  readonly form: BookFormCode;
  readonly deadlines: readonly Deadline[];
}

/** Exact integer test for "at least 80 % of the threshold": 5·total ≥ 4·threshold. */
export const reachesWarning = (totalVnd: number, thresholdVnd: number) => totalVnd * 5 >= thresholdVnd * 4;

export function revenueReport(year: number, records: readonly SalesRecord[]): RevenueReport {
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: `${year}-${String(i + 1).padStart(2, '0')}`,
    totalVnd: 0,
  }));
  for (const record of records) {
    const day = recordDay(record);
    if (!day.startsWith(`${year}-`)) continue;
    const month = months[Number(day.slice(5, 7)) - 1]!;
    month.totalVnd += record.amountVnd;
  }
  const sum = (from: number, to: number) =>
    months.slice(from, to).reduce((total, month) => total + month.totalVnd, 0);
  const totalVnd = sum(0, 12);
  const threshold = thresholdFor(year);
  const level: MeterLevel = !threshold
    ? 'ok'
    : totalVnd > threshold.amountVnd
      ? 'over'
      : reachesWarning(totalVnd, threshold.amountVnd)
        ? 'warning'
        : 'ok';
  return {
    year,
    totalVnd,
    thresholdVnd: threshold?.amountVnd,
    thresholdSource: threshold?.source,
    warningAtVnd: threshold ? Math.ceil((threshold.amountVnd * 4) / 5) : undefined,
    level,
    permille: threshold ? Math.floor((totalVnd * 1000) / threshold.amountVnd) : undefined,
    halves: [
      { half: 1, label: parsePeriod(`${year}-H1`).label, totalVnd: sum(0, 6) },
      { half: 2, label: parsePeriod(`${year}-H2`).label, totalVnd: sum(6, 12) },
    ],
    months,
    form: level === 'over' ? 'S2a-HKD' : 'S1a-HKD',
    deadlines: notificationDeadlines(year),
  };
}

const DECREE_68 = 'Nghị định 68/2026/NĐ-CP (chưa đối chiếu được văn bản gốc)';

/** When the household must tell the tax authority about this year's revenue and accounts. */
export function notificationDeadlines(year: number): Deadline[] {
  return [
    {
      due: `${year}-07-31`,
      form: '01/TKN-CNKD',
      what: {
        vi: `Hộ mới bắt đầu kinh doanh trong 6 tháng đầu năm ${year}: thông báo doanh thu 6 tháng đầu năm`,
        en: `Households that started trading in the first half of ${year}: notify first-half revenue`,
      },
      source: `${DECREE_68}, Điều 9 khoản 1`,
    },
    {
      due: `${year + 1}-01-31`,
      form: '01/TKN-CNKD',
      what: {
        vi: `Thông báo doanh thu thực tế năm ${year} (hộ không quá ngưỡng chịu thuế)`,
        en: `Notify the actual revenue of ${year} (households at or under the threshold)`,
      },
      source: `${DECREE_68}, Điều 8 khoản 1 điểm a`,
    },
    {
      due: `${year + 1}-01-31`,
      form: '01/BK-STK',
      what: {
        vi: 'Gửi kèm thông báo doanh thu đầu tiên: danh sách tài khoản ngân hàng, ví điện tử dùng cho kinh doanh; đổi tài khoản thì thông báo lại',
        en: 'With the first revenue notification: the bank accounts and e-wallets used for the business; notify again on a change',
      },
      source: 'Thông tư 18/2026/TT-BTC, Mẫu 01/BK-STK (chưa đối chiếu được văn bản gốc)',
    },
  ];
}
