import { pollMissedPayments } from '@chophien/core';
import { logger } from '@chophien/http';
import { moneyServices } from './money-services.ts';

/**
 * Scheduled entry (THE schedule table, every 15 minutes): asks each pollable channel's provider for
 * its recent transactions and credits what the webhook missed (decision 0707).
 */
export const scheduledHandler = async () => {
  const report = await pollMissedPayments(moneyServices());
  logger.info('missed-payment poll', {
    channels: report.channels,
    seen: report.seen,
    failedChannels: report.failedChannels.length,
    ...report.outcomes,
  });
  return report;
};
