import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';

/**
 * Where a farmer's buyers pay: the farmer's own bank account. Only the farmer sets it (never an
 * officer acting for them), so money for a household's produce cannot be redirected by a helper; and
 * only through the two-step change with a code sent to their phone (payout-use-cases.ts).
 */
export const payoutAccountInputSchema = z.strictObject({
  bankBin: z
    .string()
    .regex(/^\d{6}$/, bilingual('Mã BIN ngân hàng gồm 6 chữ số.', 'The bank BIN has 6 digits.')),
  accountNumber: z
    .string()
    .regex(
      /^[0-9A-Z]{6,19}$/,
      bilingual('Số tài khoản gồm 6–19 chữ số hoặc chữ in hoa.', 'Account number: 6–19 digits or capitals.'),
    ),
  accountName: z
    .string()
    .trim()
    .min(2)
    .max(50)
    .regex(
      /^[A-Z ]+$/,
      bilingual(
        'Tên chủ tài khoản viết in hoa không dấu.',
        'Account holder name in capitals without diacritics.',
      ),
    ),
});
export type PayoutAccountInput = z.infer<typeof payoutAccountInputSchema>;

export const payoutAccountSchema = payoutAccountInputSchema.extend({
  farmerId: z.string(),
  updatedAt: z.string(),
});
export type PayoutAccount = z.infer<typeof payoutAccountSchema>;

/** What a buyer may see of a payout account: the bank and the last 4 digits. */
export const maskPayoutAccountNumber = (accountNumber: string): string =>
  `${'•'.repeat(Math.max(accountNumber.length - 4, 0))}${accountNumber.slice(-4)}`;
