import type { Bank } from './banks.ts';
import type { VietQRIssue, VietQRWarning } from './errors.ts';

export type PointOfInitiation = 'static' | 'dynamic';
export type Service = 'account' | 'card';

/** Sub-fields of 62, as found in the payload (ASCII); `undefined` when absent. */
export interface AdditionalData {
  billNumber: string | undefined;
  mobileNumber: string | undefined;
  storeLabel: string | undefined;
  loyaltyNumber: string | undefined;
  referenceLabel: string | undefined;
  customerLabel: string | undefined;
  terminalLabel: string | undefined;
  /** 62.08 – the transfer memo ("nội dung chuyển khoản") that bank apps pre-fill. */
  purpose: string | undefined;
  consumerDataRequest: string | undefined;
}

/** Template 64: the only place where the spec allows Unicode (e.g. Vietnamese with diacritics). */
export interface AlternateLanguage {
  /** ISO 639-1, e.g. `vi`. */
  language: string;
  merchantName: string;
  merchantCity?: string;
}

export interface TipOrFee {
  /** 55: `prompt` = 01 (payer types a tip), `fixed` = 02 (56), `percentage` = 03 (57). */
  indicator: 'prompt' | 'fixed' | 'percentage';
  fixed?: number;
  /** As written, e.g. `"3.5"`; percentages are not money, so they stay text. */
  percentage?: string;
}

/** Optional fields are always present as keys, `undefined` when absent from the payload. */
export interface VietQRData {
  pointOfInitiation: PointOfInitiation;
  guid: string;
  bin: string;
  /** From the bank directory; absent for a BIN it does not know. */
  bank: Bank | undefined;
  accountNumber: string;
  /** 38.02, e.g. QRIBFTTA (to an account) or QRIBFTTC (to a card). */
  serviceCode: string | undefined;
  /** Integer VND. */
  amount: number | undefined;
  currency: string;
  country: string;
  mcc: string | undefined;
  tipOrFee: TipOrFee | undefined;
  merchantName: string | undefined;
  merchantCity: string | undefined;
  postalCode: string | undefined;
  additional: AdditionalData;
  alternateLanguage: AlternateLanguage | undefined;
  /** Fields this package does not interpret, by path (`80`, `62.50`, `38.03`), raw values kept. */
  unknown: Record<string, string>;
  /** As written in the payload (case preserved). */
  crc: string;
}

export type ParseResult =
  | { readonly ok: true; readonly data: VietQRData; readonly warnings: readonly VietQRWarning[] }
  | {
      readonly ok: false;
      readonly errors: readonly VietQRIssue[];
      readonly warnings: readonly VietQRWarning[];
    };

export interface AlternateLanguageInput {
  language: string;
  merchantName: string;
  merchantCity?: string;
}

export interface VietQRInput {
  /** 6-digit BIN, or a bank name/code from the directory (`VCB`, `Vietcombank`, `techcombank`). */
  bin: string;
  /** ≤ 19 characters; letters allowed (wallets `PSP…`, virtual accounts `VQRQ…`). */
  accountNumber: string;
  /** Default `account` (QRIBFTTA); `card` → QRIBFTTC. */
  service?: Service;
  /** Integer VND > 0, at most 13 digits. */
  amount?: number;
  /** Default: `dynamic` when there is an amount, else `static`. */
  pointOfInitiation?: PointOfInitiation;
  /** 62.08 – transfer memo. */
  purpose?: string;
  billNumber?: string;
  mobileNumber?: string;
  storeLabel?: string;
  loyaltyNumber?: string;
  referenceLabel?: string;
  customerLabel?: string;
  terminalLabel?: string;
  merchantName?: string;
  merchantCity?: string;
  postalCode?: string;
  /** ISO 18245, 4 digits. */
  mcc?: string;
  alternateLanguage?: AlternateLanguageInput;
  /** Shorten over-long free-text fields instead of throwing. Never applies to account, BIN or amount. */
  truncate?: boolean;
}
