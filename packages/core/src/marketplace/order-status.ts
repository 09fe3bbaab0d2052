import * as z from 'zod';
import { conflict, DomainError, forbidden, notFound } from '../errors/domain-error.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import { canMove, type Order, type OrderParty, orderStatuses, releasesStock } from './order.ts';
import { type OrderView, toOrderView } from './order-view.ts';
import { orderRefundCase } from './payment-received.ts';
import type { MarketplaceClock, OrderStore } from './ports.ts';

const orderNotFound = () => notFound({ vi: 'đơn hàng', en: 'order' }, 'order_not_found');

/** The buyer, the farmer who sells, or an admin; anyone else is told the order does not exist. */
function partyOf(actor: Actor, order: Order): OrderParty | 'admin' | undefined {
  if (order.farmerId === actor.userId) return 'farmer';
  if (order.buyerId === actor.userId) return 'buyer';
  if (hasRole(actor, 'admin')) return 'admin';
  return undefined;
}

export async function getOrderForActor(
  deps: { orders: OrderStore },
  actor: Actor,
  orderId: string,
): Promise<OrderView> {
  const order = await deps.orders.getById(orderId);
  if (!order || !partyOf(actor, order)) throw orderNotFound();
  return toOrderView(order);
}

export const orderMoveSchema = z.strictObject({
  status: z.enum(
    orderStatuses.filter((s) => s !== 'pending_payment' && s !== 'paid' && s !== 'expired') as [
      'ready',
      'shipped',
      'completed',
      'cancelled',
    ],
  ),
});

/**
 * Farmer: paid → ready | shipped → completed, or cancel an unpaid order. Buyer: cancel while unpaid,
 * confirm receipt of a shipped order. Payment and expiry moves are not available here.
 */
export async function moveOrder(
  deps: { orders: OrderStore; clock: MarketplaceClock },
  actor: Actor,
  orderId: string,
  input: z.infer<typeof orderMoveSchema>,
): Promise<OrderView> {
  const order = await deps.orders.getById(orderId);
  const party = order ? partyOf(actor, order) : undefined;
  if (!order || !party) throw orderNotFound();
  if (party === 'admin') throw forbidden();
  // Only the farmer may cancel an order that holds money (they cannot fulfil it): it becomes a refund case.
  if (input.status === 'cancelled' && order.paidVnd > 0 && party !== 'farmer') {
    throw new DomainError('unprocessable', 'order_partly_paid', {
      vi: 'Đơn đã nhận một phần tiền; cần hoàn tiền trước khi huỷ.',
      en: 'The order has received money; refund it before cancelling.',
    });
  }
  if (!canMove(party, order.status, input.status)) {
    throw conflict(
      'order_state',
      {
        vi: `Không thể chuyển đơn từ "${order.status}" sang "${input.status}".`,
        en: `Cannot move the order from "${order.status}" to "${input.status}".`,
      },
      { status: order.status },
    );
  }
  const at = deps.clock.now().toISOString();
  const refund =
    releasesStock(input.status) && order.paidVnd > 0
      ? orderRefundCase(order, {
          amountVnd: order.paidVnd,
          reason: 'order_cancelled',
          at,
          by: actor.userId,
          ...(order.payer ? { payer: order.payer } : {}),
        })
      : undefined;
  if (!(await deps.orders.transition(order, input.status, at, actor.userId, refund))) {
    throw conflict('order_changed', {
      vi: 'Đơn hàng vừa thay đổi, vui lòng tải lại.',
      en: 'The order changed meanwhile; reload it.',
    });
  }
  const updated = await deps.orders.getById(orderId);
  return toOrderView(updated ?? order);
}

export const farmerOrdersQuerySchema = z.strictObject({
  status: z.enum(orderStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export async function listFarmerOrders(
  deps: { orders: OrderStore },
  actor: Actor,
  query: z.infer<typeof farmerOrdersQuerySchema>,
): Promise<OrderView[]> {
  const orders = await deps.orders.listByFarmer(actor.userId, {
    limit: query.limit,
    ...(query.status ? { status: query.status } : {}),
  });
  return orders.map(toOrderView);
}

/** A buyer's own orders: the view plus the pay link token of each purchase (theirs to share). */
export type BuyerOrderView = OrderView & { readonly payToken?: string };

export async function listBuyerOrders(
  deps: { orders: OrderStore },
  actor: Actor,
  limit = 50,
): Promise<BuyerOrderView[]> {
  return (await deps.orders.listByBuyer(actor.userId, limit)).map((order) => ({
    ...toOrderView(order),
    ...(order.payToken ? { payToken: order.payToken } : {}),
  }));
}

/** A farmer's sales per day (Asia/Ho_Chi_Minh), counting orders that reached `paid`. */
export function dailySales(
  orders: readonly Order[],
): Array<{ day: string; orders: number; totalVnd: number }> {
  const byDay = new Map<string, { orders: number; totalVnd: number }>();
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });
  for (const order of orders) {
    if (!order.paidAt || order.status === 'cancelled' || order.status === 'expired') continue;
    const key = day.format(new Date(order.paidAt));
    const entry = byDay.get(key) ?? { orders: 0, totalVnd: 0 };
    byDay.set(key, { orders: entry.orders + 1, totalVnd: entry.totalVnd + order.totalVnd });
  }
  return [...byDay].map(([d, v]) => ({ day: d, ...v })).sort((a, b) => b.day.localeCompare(a.day));
}
