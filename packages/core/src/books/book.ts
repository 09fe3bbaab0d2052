/** A sales book, built purely from a household's sales records for one period: rows, subtotals, total. */
import { BOOK_FORMS, type BookForm, type BookFormCode, GOODS_ACTIVITY } from './forms.ts';
import type { Period } from './period.ts';
import { vietnameseDate } from './period.ts';
import { recordDay, type SalesRecord, type SalesSource, salesSources } from './sales-record.ts';

export interface BookHousehold {
  readonly id: string;
  readonly name: string;
  /** Commune and province (or the market) the household trades from. */
  readonly address: string;
  /** "Địa điểm kinh doanh": stalls and/or the online shop. */
  readonly place: string;
  readonly taxCode?: string | undefined;
}

export interface BookRow {
  readonly recordId: string;
  readonly source: SalesSource;
  readonly day: string;
  readonly docNo: string;
  readonly docDate: string;
  readonly description: string;
  readonly amountVnd: number;
}

export interface BookGroup {
  readonly label: string;
  readonly rows: readonly BookRow[];
  readonly subtotalVnd: number;
}

export interface SalesBook {
  readonly form: BookForm;
  readonly period: Period;
  readonly household: BookHousehold;
  readonly groups: readonly BookGroup[];
  readonly totalVnd: number;
  readonly count: number;
  readonly bySource: Readonly<Record<SalesSource, { count: number; totalVnd: number }>>;
  /** The day the book was drawn up (Vietnamese day), printed above the signature. */
  readonly drawnUpOn: string;
}

/** Integer đồng only: a fraction or an unsafe integer would make the book's sum differ from the ledger. */
function assertAmount(record: SalesRecord): void {
  if (!Number.isSafeInteger(record.amountVnd) || record.amountVnd <= 0)
    throw new RangeError(
      `sales record ${record.id} has amount ${record.amountVnd}: not a whole number of đồng`,
    );
}

export function buildSalesBook(input: {
  form: BookFormCode;
  period: Period;
  household: BookHousehold;
  records: readonly SalesRecord[];
  drawnUpOn: string;
}): SalesBook {
  const seen = new Set<string>();
  const rows: BookRow[] = [];
  for (const record of input.records) {
    const day = recordDay(record);
    if (day < input.period.firstDay || day > input.period.lastDay) continue;
    // Two readers may see one sale (a retried read); it is written once.
    const key = `${record.source}#${record.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    assertAmount(record);
    rows.push({
      recordId: record.id,
      source: record.source,
      day,
      docNo: record.reference,
      docDate: vietnameseDate(day),
      description: record.description,
      amountVnd: record.amountVnd,
    });
  }
  rows.sort((a, b) => a.day.localeCompare(b.day) || a.recordId.localeCompare(b.recordId));
  const bySource = Object.fromEntries(salesSources.map((s) => [s, { count: 0, totalVnd: 0 }])) as Record<
    SalesSource,
    { count: number; totalVnd: number }
  >;
  let totalVnd = 0;
  for (const row of rows) {
    totalVnd += row.amountVnd;
    bySource[row.source].count += 1;
    bySource[row.source].totalVnd += row.amountVnd;
  }
  if (!Number.isSafeInteger(totalVnd)) throw new RangeError('book total exceeds safe integer range');
  const form = BOOK_FORMS[input.form];
  return {
    form,
    period: input.period,
    household: input.household,
    groups: [{ label: form.groupedByActivity ? GOODS_ACTIVITY.vi : '', rows, subtotalVnd: totalVnd }],
    totalVnd,
    count: rows.length,
    bySource,
    drawnUpOn: input.drawnUpOn,
  };
}

const grouping = new Intl.NumberFormat('vi-VN');

/** Money as the forms print it: `1.250.000` (vi-VN grouping, no currency sign: the unit is in the header). */
export const bookMoney = (amount: number): string => grouping.format(amount);
