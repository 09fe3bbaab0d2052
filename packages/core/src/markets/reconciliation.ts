/**
 * Reconciliation: a provider or bank statement (CSV) against the ledger. Reports what the ledger has
 * that the statement lacks (a forged or misrouted notification?) and the reverse (a missed one).
 */
import * as z from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import type { LedgerEntry } from './model.ts';

export interface StatementRow {
  readonly transactionId: string;
  readonly amountVnd: number;
  readonly line: number;
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ',' || char === ';') {
      fields.push(current.trim());
      current = '';
    } else current += char;
  }
  fields.push(current.trim());
  return fields;
}

const ID_COLUMNS = ['transaction_id', 'transactionid', 'reference', 'ma_giao_dich', 'so_tham_chieu', 'id'];
const AMOUNT_COLUMNS = ['amount_vnd', 'amount', 'so_tien', 'credit', 'transferamount'];

const badStatement = (vi: string, en: string) => new DomainError('validation', 'bad_statement', { vi, en });

/** Header row required; the id and amount columns are found by name (English or Vietnamese without diacritics). */
export function parseStatementCsv(csv: string): StatementRow[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((name) => name.toLowerCase().replace(/\s+/g, '_'));
  const idIndex = header.findIndex((name) => ID_COLUMNS.includes(name));
  const amountIndex = header.findIndex((name) => AMOUNT_COLUMNS.includes(name));
  if (idIndex < 0 || amountIndex < 0) {
    throw badStatement(
      'Sao kê cần cột mã giao dịch và cột số tiền.',
      'The statement needs a transaction id and an amount column.',
    );
  }
  const rows: StatementRow[] = [];
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (!line.trim()) continue;
    const fields = splitCsvLine(line);
    const transactionId = fields[idIndex] ?? '';
    const amountVnd = Number((fields[amountIndex] ?? '').replace(/[.\s₫]|VND/gi, ''));
    if (!transactionId || !Number.isSafeInteger(amountVnd) || amountVnd <= 0) {
      throw badStatement(`Dòng ${index + 1} không hợp lệ.`, `Line ${index + 1} is not valid.`);
    }
    rows.push({ transactionId, amountVnd, line: index + 1 });
  }
  return rows;
}

export const reconcileInput = z.object({ csv: z.string().min(1).max(200_000) });

export function reconcile(ledger: readonly LedgerEntry[], statement: readonly StatementRow[]) {
  const byId = new Map(ledger.map((entry) => [entry.providerTransactionId, entry]));
  const seen = new Set<string>();
  const notInLedger: StatementRow[] = [];
  const amountMismatch: Array<{ transactionId: string; ledgerVnd: number; statementVnd: number }> = [];
  for (const row of statement) {
    seen.add(row.transactionId);
    const entry = byId.get(row.transactionId);
    if (!entry) notInLedger.push(row);
    else if (entry.amountVnd !== row.amountVnd) {
      amountMismatch.push({
        transactionId: row.transactionId,
        ledgerVnd: entry.amountVnd,
        statementVnd: row.amountVnd,
      });
    }
  }
  const notInStatement = ledger
    .filter((entry) => !seen.has(entry.providerTransactionId))
    .map((entry) => ({
      transactionId: entry.providerTransactionId,
      amountVnd: entry.amountVnd,
      stallId: entry.stallId,
      receivedAt: entry.receivedAt,
    }));
  return {
    matched: statement.length - notInLedger.length - amountMismatch.length,
    notInLedger,
    notInStatement,
    amountMismatch,
  };
}
