import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

const THROTTLE_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

/**
 * The table said "not now" rather than "no": throttled, over the request limit, or a transaction
 * cancelled only because an item was throttled. Callers treat it like a lost race and retry.
 */
export function isThrottled(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (THROTTLE_NAMES.has(error.name)) return true;
  if (error instanceof TransactionCanceledException) {
    const codes = (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
    return (
      codes.some((code) => code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded') &&
      !codes.includes('ConditionalCheckFailed')
    );
  }
  return false;
}
