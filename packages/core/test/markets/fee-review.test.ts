import { describe, expect, it } from 'vitest';
import { isAssignableFeeMonth } from '../../src/markets/fee-review.ts';
import { tillMessage } from '../../src/markets/till.ts';

describe('isAssignableFeeMonth', () => {
  // 2026-11-30 20:00 UTC is already 1 December in Viet Nam.
  const now = new Date('2026-11-30T20:00:00Z');
  it('follows the Vietnamese calendar month: a year back to one month ahead', () => {
    expect(isAssignableFeeMonth('2026-12', now)).toBe(true);
    expect(isAssignableFeeMonth('2027-01', now)).toBe(true);
    expect(isAssignableFeeMonth('2027-02', now)).toBe(false);
    expect(isAssignableFeeMonth('2025-12', now)).toBe(true);
    expect(isAssignableFeeMonth('2025-11', now)).toBe(false);
  });
  it('refuses malformed months', () => {
    expect(isAssignableFeeMonth('2026-13', now)).toBe(false);
    expect(isAssignableFeeMonth('2026-1', now)).toBe(false);
  });
});

describe('tillMessage', () => {
  it('carries the spoken amount and no memo or account data', () => {
    const message = tillMessage({
      id: 'sepay#T1',
      stallId: 's1',
      marketId: 'm1',
      vendorId: 'v1',
      amountVnd: 1_250_000,
      memo: 'private memo',
      via: 'sale',
      saleCode: 'BH7K3M9Q',
      provider: 'sepay',
      providerTransactionId: 'T1',
      receivedAt: '2026-11-23T02:15:02.000Z',
      creditedAt: '2026-11-23T02:15:02.150Z',
    });
    expect(message.spoken).toBe('Đã nhận một triệu hai trăm năm mươi nghìn đồng');
    expect(Object.keys(message).sort()).toEqual(
      ['amountVnd', 'creditedAt', 'id', 'receivedAt', 'saleCode', 'spoken', 'stallId', 'via'].sort(),
    );
  });
});
