import { type MarketplaceClock, sweepExpiredOrders } from '@chophien/core';
import { type Db, orderRepository } from '@chophien/db';
import { marketplace } from './services.ts';

/** Scheduled entry (EventBridge rule, e.g. every minute): expires unpaid orders, releases stock. */
export const scheduledHandler = async () => sweepExpiredOrders(marketplace());

/**
 * For the local runtime: runs the sweeper every `intervalMs` until stopped. TTL alone cannot
 * release stock (it only deletes), so local mode needs this just as AWS needs the schedule.
 */
export function startOrderSweeper(
  db: Db,
  options: { intervalMs?: number; clock?: MarketplaceClock } = {},
): () => void {
  const deps = { orders: orderRepository(db), clock: options.clock ?? { now: () => new Date() } };
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await sweepExpiredOrders(deps);
    } catch (error) {
      console.error('order sweeper failed', error);
    } finally {
      running = false;
    }
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
