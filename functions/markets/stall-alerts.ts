/**
 * The stall's side of the alerts (decision 1002), loaded lazily by the bank webhook on the first
 * underpaid sale: the alerts' adapters (push keys, SMS) cost nothing to payments that need none.
 */
import { alertStallSaleOutcome } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { logger } from '@chophien/http';
import { alertsServices } from '../alerts/services.ts';
import { services } from '../shared/services.ts';

type StallOutcome = Parameters<typeof alertStallSaleOutcome>[1];

/** Never fails its caller: the money is recorded whatever the alert does. */
export async function alertStallSale(outcome: StallOutcome, at: string): Promise<void> {
  try {
    const { raise, config } = alertsServices();
    const store = marketsStore(services().db);
    await alertStallSaleOutcome(
      {
        vendorOfStall: async (stallId) => (await store.getStall(stallId))?.vendorId,
        raise,
        siteUrl: config.siteUrl,
      },
      outcome,
      at,
    );
  } catch (error) {
    logger.warn('alert source failed', {
      what: 'stall sale',
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}
