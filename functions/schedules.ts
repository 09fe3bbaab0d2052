import type { Capability } from './route-definition.ts';

/**
 * THE schedule table: handlers that run on a timer rather than a route. CDK gives each an
 * EventBridge rule (infra/aws); the local runtime runs each on an interval (infra/local/src/schedules.ts).
 */
export interface ScheduleDefinition {
  /** Construct id and log name. */
  readonly id: string;
  /** Module under functions/, without extension. */
  readonly handler: string;
  /** The module's export to call. */
  readonly export: string;
  readonly everyMinutes: number;
  /** Also run once when the local runtime starts (pre-computed views a fresh `npm start` should show). */
  readonly runAtStart?: boolean;
  readonly data: 'read' | 'readwrite';
  /** Resources beyond the table, as on routes (functions/route-definition.ts); CDK grants exactly these. */
  readonly uses?: readonly Capability[];
}

export const schedules = [
  // Unpaid orders hold stock; TTL only deletes items, so expiry and stock release need this sweep.
  {
    id: 'OrderSweeper',
    handler: 'marketplace/sweeper',
    export: 'scheduledHandler',
    everyMinutes: 1,
    data: 'readwrite',
    // The same minute also sends the SMS and Zalo alerts that waited for quiet hours to end (functions/alerts):
    // a schedule of their own would cost the Api stack seven more resources near its 500 ceiling.
    uses: ['sms', 'alerts'],
  },
  // Webhooks get lost (endpoint down past the provider's retries): ask the providers (decision 0707).
  {
    id: 'MissedPaymentPoll',
    handler: 'markets/poll-payments',
    export: 'scheduledHandler',
    everyMinutes: 15,
    data: 'readwrite',
    uses: ['channelSecretsRead'],
  },
  // Open data is read from pre-computed market days (decision 0901), never aggregated per request.
  {
    id: 'OpenDataDays',
    handler: 'markets/refresh-open-data',
    export: 'scheduledHandler',
    everyMinutes: 10,
    runAtStart: true,
    data: 'readwrite',
  },
] as const satisfies readonly ScheduleDefinition[];
