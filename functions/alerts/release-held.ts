import { releaseHeldAlerts } from '@chophien/core';
import { alertsServices } from './services.ts';

/** Scheduled (functions/schedules.ts): sends the SMS and Zalo alerts that waited for quiet hours to end. */
export const scheduledHandler = async () => releaseHeldAlerts(alertsServices());
