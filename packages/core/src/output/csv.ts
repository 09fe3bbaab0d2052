import { cleanText } from './text.ts';

export type CsvValue = string | number | boolean | null;

/**
 * Spreadsheets run a cell starting with one of these as a formula (`=HYPERLINK(…)`, `@SUM`, a tab or CR
 * before one, and the full-width forms some spreadsheets fold to them).
 */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** RFC 4180 field: quoted when it holds a separator, a quote or a line break; formulas defused with `'`. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  let text = cleanText(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const toCsv = (header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvValue>>): string =>
  `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
