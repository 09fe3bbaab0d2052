import { toCsv } from '../output/csv.ts';

/**
 * CSV exports people open in a spreadsheet: headers in their language (Vietnamese first, English on
 * request), times in Vietnam time (a 06:32 sale on 7/12 is listed on 7/12, not under 6/12 in UTC), a BOM
 * so Excel reads the diacritics as UTF-8, RFC 4180 quoting, and formulas defused. The column list is
 * data, so the same columns can feed an XLSX writer later.
 */
export type CsvLang = 'vi' | 'en';

// Fields and rows are written by the one CSV serializer (core/output/csv.ts: quoting, formula starters
// including tab, CR and full-width forms, producer text cleaned); re-exported for this module's callers.
export { csvField, toCsv } from '../output/csv.ts';

export interface CsvColumn<Row> {
  readonly vi: string;
  readonly en: string;
  readonly value: (row: Row) => string | number;
}

/** Excel opens a BOM-less UTF-8 CSV as Windows-1258/1252 and mangles every diacritic. */
const BOM = '\uFEFF';

export function localizedCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  lang: CsvLang = 'vi',
): string {
  return (
    BOM +
    toCsv(
      columns.map((column) => column[lang]),
      rows.map((row) => columns.map((column) => column.value(row))),
    )
  );
}

const vietnamClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-07T23:32:00Z" → "2026-12-08 06:32:00": Vietnam time (UTC+7), sortable, read by spreadsheets. */
export function vietnamDateTime(iso: string): string {
  const parts = Object.fromEntries(vietnamClock.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** `?lang=en` asks for English headers; anything else is Vietnamese. */
export const csvLang = (value: unknown): CsvLang => (value === 'en' ? 'en' : 'vi');
