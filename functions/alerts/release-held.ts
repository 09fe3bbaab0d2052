import { releaseHeldAlerts } from '@chophien/core';
import { logger } from '@chophien/http';
import { alertsServices } from './services.ts';

/** Sends the SMS and Zalo alerts that waited for quiet hours to end; run every minute by the order sweeper's schedule. */
export async function releaseHeldAlertsNow(): Promise<void> {
  try {
    await releaseHeldAlerts(alertsServices());
  } catch (error) {
    logger.warn('held alerts not released', { error: error instanceof Error ? error.name : 'unknown' });
  }
}
