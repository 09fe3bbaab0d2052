/**
 * THE rule for an amount of money a person types at a stall (a sale, a sale line's unit price, a
 * market's monthly stall fee): a whole number of đồng, more than 0, at most a ceiling that a stall
 * could really take in one go. The ceiling is configurable (`STALL_CEILING_VND`, read once by the
 * caller's config); a slip of the thumb ("5000000000") is refused in words the vendor understands
 * instead of failing deep inside the QR builder ("Số tiền 54 không hợp lệ").
 */
import * as z from 'zod';
import type { LocalizedMessage } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import { MAX_TRANSFER_VND } from './vnd.ts';

/** 50 million đồng: a buffalo or a motorbike-load of goods; more than any one sale at a market stall. */
export const DEFAULT_STALL_CEILING_VND = 50_000_000;

const grouped = new Intl.NumberFormat('vi-VN');
const groupedEn = new Intl.NumberFormat('en-US');

/** What the amount is, in each language, as it starts a sentence ("Số tiền bán", "The sale amount"). */
export const AMOUNT_OF = {
  sale: { vi: 'Số tiền bán', en: 'The sale amount' },
  unitPrice: { vi: 'Đơn giá', en: 'The unit price' },
  monthlyFee: { vi: 'Phí tháng', en: 'The monthly fee' },
} as const satisfies Record<string, LocalizedMessage>;

/**
 * The zod schema of one amount. `allowZero` only where nothing owed is a real choice (a market that
 * charges no stall fee); everything else is strictly positive.
 */
export function stallAmount(
  what: LocalizedMessage,
  ceilingVnd: number = DEFAULT_STALL_CEILING_VND,
  options: { readonly allowZero?: boolean } = {},
) {
  const ceiling = Math.min(Math.floor(ceilingVnd), MAX_TRANSFER_VND);
  const whole = z
    .number(
      bilingual(`${what.vi}: hãy nhập một số, ví dụ 45.000.`, `${what.en}: enter a number, e.g. 45,000.`),
    )
    .int(
      bilingual(
        `${what.vi} phải là số đồng tròn, không có phần lẻ.`,
        `${what.en} must be a whole number of đồng.`,
      ),
    );
  const floored = options.allowZero
    ? whole.min(0, bilingual(`${what.vi} không được âm.`, `${what.en} cannot be negative.`))
    : whole.positive(bilingual(`${what.vi} phải lớn hơn 0 đồng.`, `${what.en} must be more than 0 đồng.`));
  return floored.max(
    ceiling,
    bilingual(
      `${what.vi} tối đa ${grouped.format(ceiling)} đồng — kiểm tra xem có gõ thừa số 0 không.`,
      `${what.en} can be at most ${groupedEn.format(ceiling)} đồng — check for an extra zero.`,
    ),
  );
}

/** The ceiling from an environment value (absent → the default); a bad value fails at cold start. */
export function stallCeilingFrom(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_STALL_CEILING_VND;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_TRANSFER_VND)
    throw new Error(`STALL_CEILING_VND must be a whole number of đồng from 1 to ${MAX_TRANSFER_VND}`);
  return value;
}
