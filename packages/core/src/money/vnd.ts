import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';

/** NAPAS247 caps one transfer below 500 million VND; no single price or order may reach it. */
export const MAX_TRANSFER_VND = 499_999_999;

export const vndAmount = z
  .number()
  .int(bilingual('Số tiền phải là số nguyên (đồng).', 'Amount must be a whole number of đồng.'))
  .positive(bilingual('Số tiền phải lớn hơn 0.', 'Amount must be greater than 0.'))
  .max(
    MAX_TRANSFER_VND,
    bilingual('Số tiền vượt hạn mức 500 triệu đồng.', 'Amount exceeds the 500 million VND limit.'),
  );

const vndFormatter = new Intl.NumberFormat('vi-VN');

/** `120000` → `120.000 ₫` (vi-VN grouping, the way every Vietnamese price tag reads). */
export const formatVnd = (amount: number): string => `${vndFormatter.format(amount)} ₫`;
