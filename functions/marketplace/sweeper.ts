import { type MarketplaceClock, sweepExpiredOrders } from '@chophien/core';
import { type Db, orderRepository } from '@chophien/db';
import { releaseHeldAlertsNow } from '../alerts/release-held.ts';
import { marketplace } from './services.ts';

/**
 * Scheduled entry (EventBridge rule, every minute): expires unpaid orders, releases stock; then sends the
 * alerts held by quiet hours (functions/schedules.ts says why they share the minute).
 */
export const scheduledHandler = async () => {
  const swept = await sweepExpiredOrders(marketplace());
  await releaseHeldAlertsNow();
  return swept;
};

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
