import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { notFound } from '../errors/domain-error.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import type { Order, OrderStatus } from './order.ts';
import { orderVietQR, remainderOf } from './order-view.ts';
import type { OrderStore } from './ports.ts';

/**
 * Paying on the phone one shops on (docs/decisions/0610-pay-on-the-same-phone.md). A checkout's orders
 * share one unguessable pay token; its pay link shows only what paying needs (bank, full account
 * number and holder, amount, transfer content, the VietQR), so a buyer can pay from their own bank app
 * by copy-paste or a saved QR image, or send the link to a relative who pays. Nothing else of the order
 * (address, phone, buyer) is on it.
 */

/** 128 random bits, URL-safe: 22 characters that nobody can guess or enumerate. */
export const newPayToken = (random: (n: number) => Uint8Array = randomBytes): string =>
  Buffer.from(random(16)).toString('base64url');

export const payTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

/** One farmer's order as its payer sees it. */
export interface PayableOrder {
  readonly id: string;
  readonly code: string;
  readonly status: OrderStatus;
  readonly totalVnd: number;
  readonly paidVnd: number;
  readonly remainderVnd: number;
  readonly overpaidVnd: number;
  readonly payBy: string;
  /** Products and pack counts, so the payer knows what each transfer is for (no prices beyond the total). */
  readonly items: ReadonlyArray<{
    title: Order['lines'][number]['title'];
    quantity: number;
    packLabel: Order['lines'][number]['packLabel'];
  }>;
  /** The farmer's account in full while the order waits for money (the payer must type or paste it). */
  readonly payTo: { bankBin: string; accountNumber: string; accountName: string } | undefined;
  /** The transfer content (VietQR 62.08): the order code that matches the bank notification back. */
  readonly memo: string;
  readonly vietqr: string | undefined;
}

export interface Purchase {
  readonly checkoutId: string;
  readonly payToken: string | undefined;
  readonly orders: readonly PayableOrder[];
  readonly totalVnd: number;
  readonly remainderVnd: number;
  /** Every order of the purchase is paid (or beyond): nothing more to transfer. */
  readonly settled: boolean;
}

const awaitingMoney = (order: Pick<Order, 'status'>) => order.status === 'pending_payment';

export function toPayableOrder(order: Order): PayableOrder {
  const pending = awaitingMoney(order);
  return {
    id: order.id,
    code: order.code,
    status: order.status,
    totalVnd: order.totalVnd,
    paidVnd: order.paidVnd,
    remainderVnd: pending ? remainderOf(order) : 0,
    overpaidVnd: order.overpaidVnd,
    payBy: order.payBy,
    items: order.lines.map((line) => ({
      title: line.title,
      quantity: line.quantity,
      packLabel: line.packLabel,
    })),
    payTo: pending ? { ...order.payTo } : undefined,
    memo: order.code,
    vietqr: pending ? orderVietQR(order) : undefined,
  };
}

export function toPurchase(orders: readonly Order[]): Purchase {
  const sorted = [...orders].sort((a, b) => a.code.localeCompare(b.code));
  const payable = sorted.map(toPayableOrder);
  return {
    checkoutId: sorted[0]?.checkoutId ?? '',
    payToken: sorted[0]?.payToken,
    orders: payable,
    totalVnd: payable.reduce((sum, o) => sum + o.totalVnd, 0),
    remainderVnd: payable.reduce((sum, o) => sum + o.remainderVnd, 0),
    settled: payable.every((o) => o.status !== 'pending_payment'),
  };
}

const purchaseNotFound = () => notFound({ vi: 'liên kết thanh toán', en: 'pay link' }, 'pay_link_not_found');

/** Anyone holding the link: the purchase's orders, payable fields only. */
export async function purchaseByPayLink(deps: { orders: OrderStore }, token: string): Promise<Purchase> {
  if (!payTokenSchema.safeParse(token).success) throw purchaseNotFound();
  const orders = await deps.orders.listByPayToken(token);
  if (orders.length === 0) throw purchaseNotFound();
  return toPurchase(orders);
}

/**
 * The purchase an order belongs to, for its buyer (or the selling farmer, who sees only their own
 * order of it, or an admin): what the order page's pay panel shows. Strangers are told it does not exist.
 */
export async function purchaseOfOrder(
  deps: { orders: OrderStore },
  actor: Actor,
  orderId: string,
): Promise<Purchase> {
  const order = await deps.orders.getById(orderId);
  if (!order) throw notFound({ vi: 'đơn hàng', en: 'order' }, 'order_not_found');
  if (order.buyerId === actor.userId) {
    const siblings = order.payToken ? await deps.orders.listByPayToken(order.payToken) : [order];
    return toPurchase(siblings.some((o) => o.id === order.id) ? siblings : [order, ...siblings]);
  }
  // The seller (or an admin) sees their one order, never the buyer's link to the others.
  if (order.farmerId === actor.userId || hasRole(actor, 'admin'))
    return { ...toPurchase([order]), payToken: undefined };
  throw notFound({ vi: 'đơn hàng', en: 'order' }, 'order_not_found');
}
