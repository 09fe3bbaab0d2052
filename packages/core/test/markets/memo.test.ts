import { describe, expect, it } from 'vitest';
import { compactCode, matchMemo } from '../../src/markets/memo.ts';

const sales = [
  { kind: 'sale' as const, code: 'BH7K3M9Q', amountVnd: 50_000 },
  { kind: 'sale' as const, code: 'BHX2Y4ZA', amountVnd: 120_000 },
];
const stalls = [
  { kind: 'stall' as const, code: 'TD-A02' },
  { kind: 'stall' as const, code: 'TD-B01' },
];

describe('matchMemo', () => {
  it.each([
    ['the exact code', 'BH7K3M9Q', 'exact'],
    ['lower case', 'bh7k3m9q', 'exact'],
    ['spaces and dots inside', 'BH 7K3.M9Q', 'exact'],
    ['a bank prefix and suffix', 'MBVCB.3312094.BH7K3M9Q.CT tu 0912345678 toi 100870001234', 'exact'],
    ['Vietnamese words around it', 'Thanh toán BH7K3M9Q chè búp', 'exact'],
    ['truncated at the end', 'NGUYEN VAN A chuyen tien BH7K3M', 'truncated'],
    ['one character retyped', 'tien che BH7K3N9Q', 'edited'],
    ['O typed for 0 and l for 1', 'BH7K3M9Q', 'exact'],
  ])('finds a sale code: %s', (_, memo, quality) => {
    expect(matchMemo(memo, sales)).toMatchObject({ candidate: { code: 'BH7K3M9Q' }, quality });
  });

  it('folds confusable characters on both sides', () => {
    expect(compactCode('td-a0l')).toBe(compactCode('TD-A01'));
    expect(matchMemo('td bOl', stalls)?.candidate.code).toBe('TD-B01');
  });

  it('tells stall codes apart when the bank strips the dash', () => {
    expect(matchMemo('td b01', stalls)?.candidate.code).toBe('TD-B01');
    expect(matchMemo('TDA02 rau', stalls)?.candidate.code).toBe('TD-A02');
  });

  it('finds nothing in a memo without a code', () => {
    expect(matchMemo('chuyen tien mua rau', [...sales, ...stalls])).toBeUndefined();
    expect(matchMemo('', sales)).toBeUndefined();
  });

  it('does not guess between two codes named equally well, unless the amount decides', () => {
    const memo = 'BH7K3M9Q BHX2Y4ZA';
    expect(matchMemo(memo, sales)).toBeUndefined();
    expect(matchMemo(memo, sales, 120_000)?.candidate.code).toBe('BHX2Y4ZA');
  });

  it('prefers an exact match to an edited one', () => {
    const close = [...sales, { kind: 'sale' as const, code: 'BH7K3M9R', amountVnd: 1 }];
    expect(matchMemo('BH7K3M9R', close)?.candidate.code).toBe('BH7K3M9R');
  });

  it('does not accept a stub shorter than five characters as a truncation', () => {
    expect(matchMemo('thanh toan BH7K', sales)).toBeUndefined();
  });
});
