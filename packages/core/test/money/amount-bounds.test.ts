// Offline: the one amount rule at a stall, its configurable ceiling and its words.
import { describe, expect, it } from 'vitest';
import {
  AMOUNT_OF,
  DEFAULT_STALL_CEILING_VND,
  feeInput,
  MAX_TRANSFER_VND,
  saleInput,
  stallAmount,
  stallCeilingFrom,
  toFieldIssues,
} from '../../src/index.ts';

const messagesOf = (result: { success: boolean; error?: { issues: Parameters<typeof toFieldIssues>[0] } }) =>
  result.success ? [] : toFieldIssues(result.error!.issues).map((issue) => issue.message);

describe('stallAmount', () => {
  it('takes whole đồng from 1 to the ceiling', () => {
    const rule = stallAmount(AMOUNT_OF.sale);
    expect(rule.safeParse(1).success).toBe(true);
    expect(rule.safeParse(DEFAULT_STALL_CEILING_VND).success).toBe(true);
    for (const bad of [0, -1, 1.5, DEFAULT_STALL_CEILING_VND + 1, Number.NaN, '45000'])
      expect(rule.safeParse(bad).success).toBe(false);
  });

  it('speaks of what the amount is, in Vietnamese and English', () => {
    const [zero] = messagesOf(stallAmount(AMOUNT_OF.sale).safeParse(0));
    expect(zero?.vi).toBe('Số tiền bán phải lớn hơn 0 đồng.');
    expect(zero?.en).toBe('The sale amount must be more than 0 đồng.');
    const [big] = messagesOf(stallAmount(AMOUNT_OF.unitPrice, 2_000_000).safeParse(20_000_000));
    expect(big?.vi).toContain('Đơn giá tối đa 2.000.000 đồng');
    expect(big?.en).toContain('at most 2,000,000 đồng');
  });

  it('a configured ceiling moves the bound, never past what NAPAS carries', () => {
    expect(stallAmount(AMOUNT_OF.sale, 1_000_000).safeParse(1_000_001).success).toBe(false);
    expect(stallAmount(AMOUNT_OF.sale, 10 ** 12).safeParse(MAX_TRANSFER_VND + 1).success).toBe(false);
    expect(saleInput(100_000).safeParse({ amountVnd: 100_001 }).success).toBe(false);
    expect(saleInput(200_000).safeParse({ amountVnd: 100_001 }).success).toBe(true);
  });

  it('the ceiling is read from the environment once, and a bad value is refused', () => {
    expect(stallCeilingFrom(undefined)).toBe(DEFAULT_STALL_CEILING_VND);
    expect(stallCeilingFrom('20000000')).toBe(20_000_000);
    for (const bad of ['0', '-5', 'abc', '1.5', '999999999999'])
      expect(() => stallCeilingFrom(bad)).toThrow();
  });

  it('the monthly stall fee follows the same rule; a market may charge none', () => {
    expect(feeInput.safeParse(0).success).toBe(true);
    expect(feeInput.safeParse(-1).success).toBe(false);
    expect(messagesOf(feeInput.safeParse(60_000_000))[0]?.vi).toContain('Phí tháng tối đa');
  });
});

describe('saleInput lines', () => {
  it('reads quantities by the Vietnamese number rule and sums lines to the đồng', () => {
    const parsed = saleInput().parse({
      method: 'cash',
      lines: [
        { name: 'Cam', unit: 'kg', quantity: '1,25', unitPriceVnd: 30_000 },
        { name: 'Gà', unit: 'head', quantity: 1, unitPriceVnd: 150_000 },
      ],
    });
    expect(parsed.amountVnd).toBe(187_500);
    expect(parsed.lines.map((line) => line.quantity)).toEqual([1.25, 1]);
  });

  it('refuses a sale with neither amount nor lines', () => {
    expect(saleInput().safeParse({}).success).toBe(false);
  });
});
