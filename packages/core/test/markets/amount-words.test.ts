import { describe, expect, it } from 'vitest';
import { amountInVietnameseWords, spokenPayment } from '../../src/markets/amount-words.ts';

describe('amountInVietnameseWords', () => {
  it.each([
    [0, 'không'],
    [5, 'năm'],
    [10, 'mười'],
    [15_000, 'mười lăm nghìn'],
    [21_000, 'hai mươi mốt nghìn'],
    [24_000, 'hai mươi tư nghìn'],
    [25_000, 'hai mươi lăm nghìn'],
    [11_000, 'mười một nghìn'],
    [14_000, 'mười bốn nghìn'],
    [50_000, 'năm mươi nghìn'],
    [100_000, 'một trăm nghìn'],
    [105_000, 'một trăm linh năm nghìn'],
    [110_000, 'một trăm mười nghìn'],
    [1_250_000, 'một triệu hai trăm năm mươi nghìn'],
    [1_000_000, 'một triệu'],
    [1_005_000, 'một triệu không trăm linh năm nghìn'],
    [2_000_500, 'hai triệu năm trăm'],
    [1_000_000_000, 'một tỷ'],
    [3_200_000_000, 'ba tỷ hai trăm triệu'],
    [499_999_999, 'bốn trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín'],
  ])('%i đồng reads as "%s"', (amount, words) => {
    expect(amountInVietnameseWords(amount)).toBe(words);
  });

  it('the till sentence wraps the amount', () => {
    expect(spokenPayment(50_000)).toBe('Đã nhận năm mươi nghìn đồng');
  });

  it('refuses what is not a whole, non-negative amount', () => {
    expect(() => amountInVietnameseWords(-1)).toThrow(RangeError);
    expect(() => amountInVietnameseWords(1.5)).toThrow(RangeError);
  });
});

describe('spokenPayment with a sale (the underpayment scam is said aloud)', () => {
  it('says what arrived and what is still missing', () => {
    expect(spokenPayment(200, { shortfallVnd: 199_800, surplusVnd: 0 })).toBe(
      'Đã nhận hai trăm đồng, còn thiếu một trăm chín mươi chín nghìn tám trăm đồng',
    );
  });
  it('says the surplus of an overpaid sale, and nothing more for an exact one', () => {
    expect(spokenPayment(250_000, { shortfallVnd: 0, surplusVnd: 50_000 })).toBe(
      'Đã nhận hai trăm năm mươi nghìn đồng, thừa năm mươi nghìn đồng',
    );
    expect(spokenPayment(50_000, { shortfallVnd: 0, surplusVnd: 0 })).toBe('Đã nhận năm mươi nghìn đồng');
  });
});
