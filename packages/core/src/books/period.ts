/**
 * A book's period: a Vietnamese calendar month (`2026-11`), quarter (`2026-Q4`), half-year (`2026-H2`)
 * or year (`2026`). Days are Asia/Ho_Chi_Minh days (UTC+7, no daylight saving), as on the market ledger.
 */
import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';

export interface Period {
  readonly key: string;
  readonly kind: PeriodKind;
  readonly year: number;
  /** First and last Vietnamese day, inclusive (`YYYY-MM-DD`). */
  readonly firstDay: string;
  readonly lastDay: string;
  readonly label: { readonly vi: string; readonly en: string };
}

const PERIOD = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-H([12]))?$/;

export const periodKeySchema = z
  .string()
  .regex(
    PERIOD,
    bilingual(
      'Kỳ sổ viết dạng 2026-11 (tháng), 2026-Q4 (quý), 2026-H2 (nửa năm) hoặc 2026 (năm).',
      'Period: 2026-11 (month), 2026-Q4 (quarter), 2026-H2 (half-year) or 2026 (year).',
    ),
  )
  .refine(
    (key) => {
      const year = Number(key.slice(0, 4));
      return year >= 2000 && year <= 2100;
    },
    bilingual('Năm của kỳ sổ không hợp lệ.', 'The period year is out of range.'),
  );

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function span(year: number, fromMonth: number, toMonth: number) {
  return {
    firstDay: `${year}-${pad(fromMonth)}-01`,
    lastDay: `${year}-${pad(toMonth)}-${pad(lastDayOfMonth(year, toMonth))}`,
  };
}

/** Parses a period key (validate with `periodKeySchema` first; throws on anything else). */
export function parsePeriod(key: string): Period {
  const match = PERIOD.exec(key);
  if (!match) throw new RangeError(`not a period: ${key}`);
  const year = Number(match[1]);
  if (match[2]) {
    const month = Number(match[2]);
    return {
      key,
      kind: 'month',
      year,
      ...span(year, month, month),
      label: { vi: `Tháng ${month} năm ${year}`, en: `${year}-${pad(month)}` },
    };
  }
  if (match[3]) {
    const quarter = Number(match[3]);
    return {
      key,
      kind: 'quarter',
      year,
      ...span(year, quarter * 3 - 2, quarter * 3),
      label: { vi: `Quý ${quarter} năm ${year}`, en: `Q${quarter} ${year}` },
    };
  }
  if (match[4]) {
    const half = Number(match[4]);
    return {
      key,
      kind: 'half',
      year,
      ...span(year, half === 1 ? 1 : 7, half === 1 ? 6 : 12),
      label: {
        vi: `${half === 1 ? '6 tháng đầu năm' : '6 tháng cuối năm'} ${year}`,
        en: `${half === 1 ? 'First' : 'Second'} half of ${year}`,
      },
    };
  }
  return { key, kind: 'year', year, ...span(year, 1, 12), label: { vi: `Năm ${year}`, en: `${year}` } };
}

const OFFSET_MS = 7 * 3600 * 1000;

/** The UTC instants bounding a period: `[fromIso, toIso)` (midnight in Vietnam, as UTC ISO strings). */
export function periodInstants(period: Period): { fromIso: string; toIso: string } {
  const from = Date.parse(`${period.firstDay}T00:00:00Z`) - OFFSET_MS;
  const to = Date.parse(`${period.lastDay}T00:00:00Z`) + 24 * 3600 * 1000 - OFFSET_MS;
  return { fromIso: new Date(from).toISOString(), toIso: new Date(to).toISOString() };
}

/** Every Vietnamese day of a period, in order. */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${period.firstDay}T00:00:00Z`); ; t += 24 * 3600 * 1000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(day);
    if (day === period.lastDay) return days;
  }
}

/** `2026-11-23` → `23/11/2026`, the way dates are written on Vietnamese forms. */
export const vietnameseDate = (day: string): string =>
  `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
