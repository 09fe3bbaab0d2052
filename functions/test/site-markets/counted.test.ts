import { describe, expect, it } from 'vitest';
import { counted, countWord } from '../../../site/src/features/markets/text.ts';

/** The stall pages' counts (site/src/features/markets), tested here because the unit suite runs functions/test. */
describe('counted: no "1 payments" on the English stall pages', () => {
  it.each([
    ['en', 0, 'payments', '0 payments'],
    ['en', 1, 'payments', '1 payment'],
    ['en', 2, 'payments', '2 payments'],
    ['en', 1, 'cashSales', '1 cash sale'],
    ['en', 5, 'cashSales', '5 cash sales'],
    ['vi', 1, 'payments', '1 khoản'],
    ['vi', 3, 'cashSales', '3 đơn tiền mặt'],
  ] as const)('%s %i %s → %s', (lang, count, noun, expected) => {
    expect(counted(lang, count, noun)).toBe(expected);
  });

  it('the word alone follows the same rule (the till updates it as payments arrive)', () => {
    expect(countWord('en', 1, 'payments')).toBe('payment');
    expect(countWord('en', 21, 'payments')).toBe('payments');
  });
});
