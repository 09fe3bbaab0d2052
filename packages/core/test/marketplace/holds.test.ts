import { describe, expect, it } from 'vitest';
import {
  freeHoldSlot,
  HOLD_RULES,
  type HoldSlot,
  holdMinutes,
  maxUnitsPerCheckout,
} from '../../src/marketplace/holds.ts';
import type { Order } from '../../src/marketplace/order.ts';

const now = new Date('2026-12-01T03:00:00Z');
const slot = (n: number, payBy: string, orderIds = [`o${n}`]): HoldSlot => ({
  slot: n,
  checkoutId: `c${n}`,
  orderIds,
  payBy,
});
const later = '2026-12-01T03:20:00Z';
const earlier = '2026-12-01T02:59:00Z';

function store(holds: HoldSlot[], statuses: Record<string, Order['status']> = {}) {
  return {
    holds: async () => holds,
    getById: async (id: string) => ({ id, status: statuses[id] ?? 'pending_payment' }) as Order,
  };
}

describe('hold slots', () => {
  it('the first never-used slot is free', async () => {
    expect(await freeHoldSlot(store([slot(1, later)]), 'b', HOLD_RULES.account, now)).toEqual({ slot: 2 });
  });

  it('a slot is free again once its checkout is past its payment window, or all its orders are paid or closed', async () => {
    const full = [slot(1, later), slot(2, earlier), slot(3, later)];
    expect(await freeHoldSlot(store(full), 'b', HOLD_RULES.account, now)).toEqual({
      slot: 2,
      previousCheckoutId: 'c2',
    });
    const paid = [slot(1, later, ['a', 'b']), slot(2, later), slot(3, later)];
    expect(
      await freeHoldSlot(store(paid, { a: 'paid', b: 'cancelled' }), 'b', HOLD_RULES.account, now),
    ).toEqual({
      slot: 1,
      previousCheckoutId: 'c1',
    });
    // One order of the cart still unpaid: the slot stays held.
    expect(await freeHoldSlot(store(paid, { a: 'paid' }), 'b', HOLD_RULES.account, now)).toBeUndefined();
  });

  it('an anonymous cart holds one checkout, for at most 10 minutes', async () => {
    expect(await freeHoldSlot(store([slot(1, later)]), 'g', HOLD_RULES.guest, now)).toBeUndefined();
    expect(holdMinutes('guest', 30)).toBe(10);
    expect(holdMinutes('account', 30)).toBe(30);
  });
});

describe('share of a listing one unpaid checkout may hold', () => {
  const packs = [{ id: 'p', label: { vi: 'Gói' }, size: 100, priceVnd: 10_000 }];
  it('is the farmer’s percentage of what is left, 50 % by default', () => {
    expect(maxUnitsPerCheckout({ stock: 10_000, packs })).toBe(5_000);
    expect(maxUnitsPerCheckout({ stock: 10_000, packs, maxOrderSharePercent: 20 })).toBe(2_000);
    expect(maxUnitsPerCheckout({ stock: 10_000, packs, maxOrderSharePercent: 100 })).toBe(10_000);
  });
  it('never less than the smallest pack, so a small pool still sells', () => {
    expect(maxUnitsPerCheckout({ stock: 150, packs })).toBe(100);
  });
});
