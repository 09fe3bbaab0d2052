/**
 * Form 01/BK-STK ("Thông báo số tài khoản/số hiệu ví điện tử"): the bank accounts a household uses for its
 * business, filled from the accounts on the platform (a vendor's stall accounts, a farmer's payout account).
 * The form goes to the tax authority, so it carries full account numbers: only the household sees it.
 */
import { bankByBin } from '@chophien/vietqr';
import type { Localized } from './forms.ts';

export const BANK_ACCOUNT_FORM = {
  code: '01/BK-STK',
  title: 'THÔNG BÁO SỐ TÀI KHOẢN/SỐ HIỆU VÍ ĐIỆN TỬ',
  basis: 'Mẫu số 01/BK-STK (Thông tư 18/2026/TT-BTC)',
  fields: { taxpayer: '[01] Người nộp thuế', taxCode: '[02] Mã số thuế', year: '[03] Năm' },
  columns: [
    { key: 'index', header: 'STT', width: 6 },
    { key: 'kind', header: 'Loại', width: 18 },
    { key: 'accountNumber', header: 'Số tài khoản/số hiệu ví', width: 22 },
    { key: 'holderName', header: 'Tên chủ tài khoản', width: 26 },
    { key: 'bank', header: 'Ngân hàng/tổ chức cung ứng dịch vụ ví', width: 34 },
    { key: 'usedFor', header: 'Dùng cho', width: 26 },
    { key: 'status', header: 'Ghi chú', width: 16 },
  ],
} as const;

export interface BusinessAccount {
  readonly bin: string;
  readonly accountNumber: string;
  readonly holderName: string;
  readonly usedFor: Localized;
  readonly active: boolean;
  /** When it was first used on the platform (UTC ISO). */
  readonly since: string;
}

export interface BankAccountRow {
  readonly index: number;
  readonly kind: string;
  readonly accountNumber: string;
  readonly holderName: string;
  readonly bank: string;
  readonly usedFor: string;
  readonly status: string;
}

/** The accounts in use during `year`: one row per bank account (same number at the same bank listed once). */
export function bankAccountRows(year: number, accounts: readonly BusinessAccount[]): BankAccountRow[] {
  const byAccount = new Map<string, BusinessAccount & { uses: Set<string> }>();
  for (const account of accounts) {
    if (Number(account.since.slice(0, 4)) > year) continue;
    const key = `${account.bin}#${account.accountNumber}`;
    const seen = byAccount.get(key);
    if (seen) {
      seen.uses.add(account.usedFor.vi);
      if (account.active && !seen.active) byAccount.set(key, { ...account, uses: seen.uses });
    } else byAccount.set(key, { ...account, uses: new Set([account.usedFor.vi]) });
  }
  return [...byAccount.values()]
    .sort((a, b) => Number(b.active) - Number(a.active) || a.since.localeCompare(b.since))
    .map((account, i) => {
      const bank = bankByBin(account.bin);
      return {
        index: i + 1,
        kind: 'Tài khoản ngân hàng',
        accountNumber: account.accountNumber,
        holderName: account.holderName,
        bank: bank ? `${bank.shortName} – ${bank.fullName} (BIN ${account.bin})` : `BIN ${account.bin}`,
        usedFor: [...account.uses].join('; '),
        status: account.active ? 'Đang dùng' : 'Đã ngừng dùng',
      };
    });
}
