import { orderRefundCase } from './payment-received.ts';
import type { MarketplaceClock, OrderStore } from './ports.ts';

export const SWEEPER_ACTOR = 'system:order-sweeper';

/**
 * Expires orders not fully paid after their payBy and returns their stock to the pool. A partly paid
 * order expires too: what it received is recorded as refund due (docs/decisions/0604-expire-partly-paid-orders.md).
 * Each expiry is conditional on the order being unchanged (status and paidVnd), so a payment landing at
 * the same instant wins cleanly: either it is credited and this sweep skips the order, or the order is
 * expired and the payment is answered `not_payable` (refund due) — never both, stock released once.
 */
export async function sweepExpiredOrders(
  deps: { orders: OrderStore; clock: MarketplaceClock },
  options: { batch?: number } = {},
): Promise<{ expired: number; skipped: number }> {
  const now = deps.clock.now().toISOString();
  const batch = options.batch ?? 100;
  let expired = 0;
  let skipped = 0;
  for (;;) {
    const overdue = await deps.orders.listOverdue(now, batch);
    let progressed = 0;
    for (const order of overdue) {
      if (order.status !== 'pending_payment' || order.paidVnd >= order.totalVnd) {
        skipped += 1;
        continue;
      }
      const refund =
        order.paidVnd > 0
          ? orderRefundCase(order, {
              amountVnd: order.paidVnd,
              reason: 'order_expired',
              at: now,
              by: SWEEPER_ACTOR,
              ...(order.payer ? { payer: order.payer } : {}),
            })
          : undefined;
      if (await deps.orders.transition(order, 'expired', now, SWEEPER_ACTOR, refund)) {
        expired += 1;
        progressed += 1;
      } else skipped += 1;
    }
    if (overdue.length < batch || progressed === 0) return { expired, skipped };
  }
}
