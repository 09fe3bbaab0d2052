import { bankByBin, findBank } from '@chophien/vietqr';
import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';

/**
 * A bank account as a province's spreadsheet writes it: the bank by BIN, short name or full name
 * ("970436", "VCB", "Vietcombank"), checked against the NAPAS directory in packages/vietqr.
 */
export const bankInput = z
  .string()
  .trim()
  .min(1, bilingual('Cần ghi ngân hàng.', 'Enter the bank.'))
  .max(80)
  .transform((text, ctx) => {
    const bank = /^\d{6}$/.test(text) ? bankByBin(text) : findBank(text);
    if (bank) return bank.bin;
    ctx.addIssue({
      code: 'custom',
      message: bilingual(
        `Không tìm thấy ngân hàng “${text}” trong danh sách NAPAS (ghi mã BIN, ví dụ 970436, hoặc tên như Vietcombank).`,
        `No NAPAS bank “${text}” (write its BIN, e.g. 970436, or a name such as Vietcombank).`,
      ),
    });
    return z.NEVER;
  });

export const accountNumberInput = z
  .string()
  .trim()
  .transform((text) => text.replace(/[\s.-]/g, ''))
  .pipe(
    z
      .string()
      .regex(
        /^[0-9]{6,19}$/,
        bilingual('Số tài khoản gồm 6–19 chữ số.', 'Account numbers have 6–19 digits.'),
      ),
  );

export const bankAccountInput = z.object({ bin: bankInput, accountNumber: accountNumberInput });
