import * as z from 'zod';
import type { LocalizedMessage } from '../../errors/domain-error.ts';
import { toFieldIssues } from '../../errors/zod-issues.ts';
import type { Market } from '../../markets/model.ts';
import { foldForSearch } from '../../text/fold.ts';
import { stallInput } from '../markets.ts';
import type { SheetRows } from './sheet.ts';

/**
 * The columns a province's spreadsheet has, by their Vietnamese (or English) headers, in any order.
 * One row is one stall: market, zone, stall number, the vendor and their phone, bank and account, the fee.
 */
export const importColumns = {
  market: ['cho', 'ten cho', 'ma cho', 'market'],
  zone: ['khu', 'zone'],
  number: ['so sap', 'sap', 'stall', 'stall number'],
  vendorName: ['ten nguoi ban', 'nguoi ban', 'tieu thuong', 'ten tieu thuong', 'vendor', 'vendor name'],
  vendorPhone: ['so dien thoai', 'dien thoai', 'sdt', 'phone'],
  bank: ['ngan hang', 'bank'],
  accountNumber: ['so tai khoan', 'tai khoan', 'stk', 'account', 'account number'],
  monthlyFeeVnd: ['phi thang', 'phi', 'monthly fee', 'fee'],
  goods: ['mat hang', 'hang', 'goods'],
} as const;
export type ImportColumn = keyof typeof importColumns;
const required: readonly ImportColumn[] = ['market', 'zone', 'number', 'vendorName', 'vendorPhone'];

/** One row ready to write: the market it names, its zone by name, the stall's fields. */
export interface ImportRow {
  readonly line: number;
  readonly marketId: string;
  readonly zoneName: string;
  readonly fields: z.infer<typeof stallInput>;
}

export interface RowProblem {
  /** The spreadsheet's own row number (the header is row 1). */
  readonly line: number;
  readonly column: ImportColumn | 'file';
  readonly message: LocalizedMessage;
}

const columnOf = (path: string): ImportColumn => {
  if (path.startsWith('account.bin')) return 'bank';
  if (path.startsWith('account')) return 'accountNumber';
  return (path in importColumns ? path : 'number') as ImportColumn;
};

const columnLabels: Record<ImportColumn | 'file', LocalizedMessage> = {
  market: { vi: 'Chợ', en: 'Market' },
  zone: { vi: 'Khu', en: 'Zone' },
  number: { vi: 'Số sạp', en: 'Stall number' },
  vendorName: { vi: 'Tên người bán', en: 'Vendor name' },
  vendorPhone: { vi: 'Số điện thoại', en: 'Phone' },
  bank: { vi: 'Ngân hàng', en: 'Bank' },
  accountNumber: { vi: 'Số tài khoản', en: 'Account number' },
  monthlyFeeVnd: { vi: 'Phí tháng', en: 'Monthly fee' },
  goods: { vi: 'Mặt hàng', en: 'Goods' },
  file: { vi: 'Tệp', en: 'File' },
};
export const columnLabel = (column: ImportColumn | 'file') => columnLabels[column];

/** Money as Vietnamese spreadsheets write it: "300.000", "300,000", "300000 đ". */
function readFee(text: string): number | undefined | 'bad' {
  const clean = text.replace(/\s|đ|₫|vnd|VND|VNĐ/g, '').replace(/[.,](?=\d{3}(\D|$))/g, '');
  if (clean === '') return undefined;
  return /^\d+$/.test(clean) ? Number(clean) : 'bad';
}

/**
 * Checks every row before anything is written: the header, each row against the same rules as the
 * console's stall form, the market it names, and duplicates within the file. Every bad row is listed.
 */
export function validateRows(
  sheet: SheetRows,
  markets: readonly Market[],
): { rows: ImportRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const [header = [], ...body] = sheet;
  const index = new Map<ImportColumn, number>();
  header.forEach((cell, i) => {
    const folded = foldForSearch(cell);
    for (const [column, names] of Object.entries(importColumns) as [ImportColumn, readonly string[]][])
      if (!index.has(column) && names.includes(folded)) index.set(column, i);
  });
  const missing = required.filter((column) => !index.has(column));
  if (missing.length > 0) {
    problems.push({
      line: 1,
      column: 'file',
      message: {
        vi: `Dòng tiêu đề thiếu cột: ${missing.map((c) => columnLabels[c].vi).join(', ')}.`,
        en: `The header row lacks: ${missing.map((c) => columnLabels[c].en).join(', ')}.`,
      },
    });
    return { rows: [], problems };
  }
  const byKey = new Map<string, Market>();
  for (const market of markets) {
    byKey.set(foldForSearch(market.code), market);
    byKey.set(foldForSearch(market.name), market);
  }
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  body.forEach((cells, i) => {
    const line = i + 2;
    const cell = (column: ImportColumn) => {
      const at = index.get(column);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    };
    if (cells.every((value) => value.trim() === '')) return;
    const market = byKey.get(foldForSearch(cell('market')));
    if (!market) {
      problems.push({
        line,
        column: 'market',
        message: {
          vi: `Không có chợ “${cell('market')}”. Tạo chợ trước, hoặc ghi đúng tên hay mã chợ.`,
          en: `No market “${cell('market')}”. Create it first, or write its exact name or code.`,
        },
      });
    }
    const zoneName = cell('zone');
    if (!zoneName)
      problems.push({ line, column: 'zone', message: { vi: 'Thiếu tên khu.', en: 'The zone is missing.' } });
    const fee = readFee(cell('monthlyFeeVnd'));
    if (fee === 'bad')
      problems.push({
        line,
        column: 'monthlyFeeVnd',
        message: {
          vi: 'Phí tháng phải là số tiền, ví dụ 300.000.',
          en: 'The fee must be an amount, e.g. 300,000.',
        },
      });
    const bank = cell('bank');
    const account = cell('accountNumber');
    if ((bank === '') !== (account === ''))
      problems.push({
        line,
        column: bank ? 'accountNumber' : 'bank',
        message: {
          vi: 'Ghi cả ngân hàng và số tài khoản, hoặc bỏ trống cả hai.',
          en: 'Give both the bank and the account number, or neither.',
        },
      });
    const parsed = stallInput.safeParse({
      zoneId: 'import',
      number: cell('number'),
      vendorName: cell('vendorName'),
      vendorPhone: cell('vendorPhone'),
      goods: cell('goods'),
      ...(typeof fee === 'number' ? { monthlyFeeVnd: fee } : {}),
      ...(bank && account ? { account: { bin: bank, accountNumber: account } } : {}),
    });
    if (!parsed.success) {
      for (const issue of toFieldIssues(parsed.error.issues))
        problems.push({ line, column: columnOf(issue.path), message: issue.message });
      return;
    }
    if (!market || !zoneName || fee === 'bad') return;
    const key = `${market.id}#${parsed.data.number}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        line,
        column: 'number',
        message: {
          vi: `Sạp ${parsed.data.number} của ${market.name} đã có ở dòng ${first}.`,
          en: `Stall ${parsed.data.number} of ${market.name} is already on row ${first}.`,
        },
      });
      return;
    }
    seen.set(key, line);
    rows.push({ line, marketId: market.id, zoneName, fields: parsed.data });
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push({
      line: 1,
      column: 'file',
      message: { vi: 'Tệp không có dòng nào.', en: 'The file has no rows.' },
    });
  return { rows, problems };
}

export const importFileSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  bytes: z.instanceof(Uint8Array),
});
