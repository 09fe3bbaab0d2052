/**
 * The simulated bank's own record of transfers into each account, whether or not a notification was
 * delivered: what a provider's transaction API answers from (`<dataDir>/bank-transactions.jsonl`).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BankTransaction {
  readonly id: string;
  readonly provider: 'payos' | 'sepay';
  readonly accountNumber: string;
  readonly amountVnd: number;
  readonly memo: string;
  /** ISO instant the bank booked it. */
  readonly at: string;
  readonly direction: 'in' | 'out';
}

export const bankLedgerPath = (dataDir: string) => join(dataDir, 'bank-transactions.jsonl');

export function recordBankTransaction(dataDir: string, transaction: BankTransaction): void {
  appendFileSync(bankLedgerPath(dataDir), `${JSON.stringify(transaction)}\n`, { mode: 0o600 });
}

export function bankTransactions(dataDir: string): BankTransaction[] {
  const path = bankLedgerPath(dataDir);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BankTransaction);
}
