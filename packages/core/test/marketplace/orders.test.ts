import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canMove,
  dailySales,
  decidePayment,
  generateOrderCode,
  isOrderCode,
  maskPayoutAccountNumber,
  normalizeOrderCode,
  orderCodeFromMemo,
  unitsByProduct,
} from '../../src/marketplace/index.ts';

describe('order codes', () => {
  it('are CP + 6 characters with no 0/O/1/I/L', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = generateOrderCode();
      expect(code).toMatch(/^CP[2-9A-HJKMNP-Z]{6}$/);
      expect(isOrderCode(code)).toBe(true);
    }
  });

  it.each([
    ['MBVCB.3281.CPAB3K7Q.chuyen tien', 'CPAB3K7Q'],
    ['cp ab3k7q thanh toan don hang', 'CPAB3K7Q'],
    ['Nguyen Van A chuyen khoan', undefined],
  ])('finds the code in the memo %j', (memo, code) => {
    expect(orderCodeFromMemo(memo)).toBe(code);
  });

  it('normalizes case and separators, refuses what is not a code', () => {
    expect(normalizeOrderCode(' cp-ab3k7q ')).toBe('CPAB3K7Q');
    expect(normalizeOrderCode('CPAB3K7O')).toBeUndefined();
  });
});

describe('payment decision', () => {
  it('exact → paid, less → underpaid with remainder, more → paid with overpayment', () => {
    expect(decidePayment({ totalVnd: 100_000, paidVnd: 0 }, 100_000)).toMatchObject({
      kind: 'paid',
      status: 'paid',
      overpaidVnd: 0,
    });
    expect(decidePayment({ totalVnd: 100_000, paidVnd: 0 }, 60_000)).toMatchObject({
      kind: 'underpaid',
      status: 'pending_payment',
      remainderVnd: 40_000,
    });
    expect(decidePayment({ totalVnd: 100_000, paidVnd: 60_000 }, 50_000)).toMatchObject({
      kind: 'overpaid',
      overpaidVnd: 10_000,
    });
  });

  it('always accounts for every đồng: paid = before + amount, paid + remainder − overpaid = total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e8 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 1, max: 1e8 }),
        (total, before, amount) => {
          const d = decidePayment({ totalVnd: total, paidVnd: before }, amount);
          expect(d.paidVnd).toBe(before + amount);
          expect(d.paidVnd + d.remainderVnd - d.overpaidVnd).toBe(total);
        },
      ),
    );
  });
});

describe('order moves', () => {
  it('farmer: paid → ready/shipped → completed; buyer: cancel unpaid, confirm shipped', () => {
    expect(canMove('farmer', 'paid', 'ready')).toBe(true);
    expect(canMove('farmer', 'ready', 'completed')).toBe(true);
    expect(canMove('farmer', 'pending_payment', 'ready')).toBe(false);
    expect(canMove('buyer', 'paid', 'ready')).toBe(false);
    expect(canMove('buyer', 'pending_payment', 'cancelled')).toBe(true);
    expect(canMove('buyer', 'shipped', 'completed')).toBe(true);
    expect(canMove('buyer', 'paid', 'cancelled')).toBe(false);
  });
});

describe('stock arithmetic', () => {
  it('sums packs of one product into base units of one pool', () => {
    const units = unitsByProduct([
      { productId: 'tea', packSize: 100, quantity: 3 },
      { productId: 'tea', packSize: 1000, quantity: 1 },
      { productId: 'rice', packSize: 5000, quantity: 2 },
    ]);
    expect(Object.fromEntries(units)).toEqual({ tea: 1300, rice: 10_000 });
  });
});

describe('daily sales', () => {
  it('groups paid orders by day in Asia/Ho_Chi_Minh and leaves out expired ones', () => {
    const sales = dailySales([
      { paidAt: '2026-11-22T17:30:00.000Z', status: 'paid', totalVnd: 100_000 } as never, // 00:30 on the 23rd in Vietnam
      { paidAt: '2026-11-23T02:00:00.000Z', status: 'completed', totalVnd: 50_000 } as never,
      { paidAt: '2026-11-22T10:00:00.000Z', status: 'ready', totalVnd: 20_000 } as never,
      { status: 'expired', totalVnd: 999 } as never,
    ]);
    expect(sales).toEqual([
      { day: '2026-11-23', orders: 2, totalVnd: 150_000 },
      { day: '2026-11-22', orders: 1, totalVnd: 20_000 },
    ]);
  });
});

describe('payout account masking', () => {
  it('keeps only the last four digits', () => {
    expect(maskPayoutAccountNumber('3904205123001')).toBe('•••••••••3001');
  });
});
