/**
 * Unpaid orders hold stock until they are paid or expire. Without limits one buyer could hold a listing's
 * whole stock for 30 minutes, again and again, without paying (issue 15 item 5). The rules, in one place:
 * - a buyer holds at most `maxOpenCheckouts` unpaid checkouts at once (one checkout = the orders of one
 *   cart, one per farmer); each takes a numbered hold slot with a conditional write, so simultaneous
 *   checkouts cannot both take the last slot;
 * - one unpaid checkout may hold at most the listing's share set by the farmer (default 50 %) of what is
 *   left, never less than one smallest pack;
 * - anonymous (guest) carts hold for less time and only one at a time;
 * - checkouts are throttled per buyer and per network (core/limits THROTTLES).
 */
import type { Product } from '../catalog/product.ts';
import { unitLabel } from '../catalog/units.ts';
import { conflict, DomainError } from '../errors/domain-error.ts';
import type { Order } from './order.ts';

export type BuyerKind = 'account' | 'guest';

export interface HoldRules {
  /** Minutes an unpaid order holds its stock (the payment window); accounts use the configured window. */
  readonly maxHoldMinutes: number;
  readonly maxOpenCheckouts: number;
}

export const HOLD_RULES: Record<BuyerKind, HoldRules> = {
  account: { maxHoldMinutes: 7 * 24 * 60, maxOpenCheckouts: 3 },
  guest: { maxHoldMinutes: 10, maxOpenCheckouts: 1 },
};

/** The payment window for this kind of buyer: the configured one, shortened for anonymous carts. */
export const holdMinutes = (kind: BuyerKind, configuredMinutes: number): number =>
  Math.min(configuredMinutes, HOLD_RULES[kind].maxHoldMinutes);

export const DEFAULT_MAX_ORDER_SHARE_PERCENT = 50;

/** A numbered hold slot and the checkout occupying it (written only by checkout). */
export interface HoldSlot {
  readonly slot: number;
  readonly checkoutId: string;
  readonly orderIds: readonly string[];
  readonly payBy: string;
}

/** The slot a new checkout writes, and what it must still find there (compare-and-set). */
export interface HoldClaim {
  readonly buyerId: string;
  readonly slot: number;
  /** The checkout seen in the slot (it no longer holds anything); absent for a slot never used. */
  readonly previousCheckoutId?: string;
  readonly checkoutId: string;
  readonly orderIds: readonly string[];
  readonly payBy: string;
}

/**
 * The first slot the buyer may use now: never used, or its checkout no longer holds stock (past payBy, or
 * every order of it paid or closed). Undefined when all are in use.
 */
export async function freeHoldSlot(
  deps: { holds(buyerId: string): Promise<HoldSlot[]>; getById(id: string): Promise<Order | undefined> },
  buyerId: string,
  rules: HoldRules,
  now: Date,
): Promise<{ slot: number; previousCheckoutId?: string } | undefined> {
  const taken = new Map((await deps.holds(buyerId)).map((hold) => [hold.slot, hold]));
  for (let slot = 1; slot <= rules.maxOpenCheckouts; slot += 1) {
    const hold = taken.get(slot);
    if (!hold) return { slot };
    if (Date.parse(hold.payBy) <= now.getTime()) return { slot, previousCheckoutId: hold.checkoutId };
    const orders = await Promise.all(hold.orderIds.map((id) => deps.getById(id)));
    if (orders.every((order) => order?.status !== 'pending_payment'))
      return { slot, previousCheckoutId: hold.checkoutId };
  }
  return undefined;
}

export const tooManyUnpaid = (rules: HoldRules): DomainError =>
  conflict('too_many_unpaid_orders', {
    vi:
      rules.maxOpenCheckouts === 1
        ? 'Bạn đang có một đơn hàng chưa thanh toán. Hãy thanh toán hoặc huỷ đơn đó trước khi đặt đơn mới.'
        : `Bạn đang có ${rules.maxOpenCheckouts} đơn hàng chưa thanh toán. Hãy thanh toán hoặc huỷ bớt một đơn trước khi đặt đơn mới.`,
    en:
      rules.maxOpenCheckouts === 1
        ? 'You have an unpaid order. Pay or cancel it before placing a new one.'
        : `You have ${rules.maxOpenCheckouts} unpaid orders. Pay or cancel one of them before placing a new one.`,
  });

/** The most base units of `product` one unpaid checkout may hold (never less than its smallest pack). */
export function maxUnitsPerCheckout(
  product: Pick<Product, 'stock' | 'packs' | 'maxOrderSharePercent'>,
): number {
  const share = product.maxOrderSharePercent ?? DEFAULT_MAX_ORDER_SHARE_PERCENT;
  const smallest = Math.min(...product.packs.map((pack) => pack.size));
  return Math.max(smallest, Math.floor((product.stock * share) / 100));
}

export const shareExceeded = (
  product: Pick<Product, 'id' | 'title' | 'baseUnit' | 'maxOrderSharePercent'>,
  maxUnits: number,
): DomainError => {
  const share = product.maxOrderSharePercent ?? DEFAULT_MAX_ORDER_SHARE_PERCENT;
  const amount = (lang: 'vi' | 'en') =>
    `${maxUnits.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')} ${unitLabel(product.baseUnit, lang)}`;
  return new DomainError(
    'unprocessable',
    'order_share_exceeded',
    {
      vi: `Mỗi đơn chưa thanh toán chỉ được giữ tối đa ${amount('vi')} "${product.title.vi}" (${share}% số hàng còn lại), để người khác cũng mua được. Hãy giảm số lượng.`,
      en: `An unpaid order may hold at most ${amount('en')} of "${product.title.en ?? product.title.vi}" (${share}% of what is left), so others can buy too. Please lower the quantity.`,
    },
    { details: { productId: product.id, maxUnits } },
  );
};
