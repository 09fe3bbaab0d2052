import { DomainError, type LocalizedMessage } from '../errors/domain-error.ts';
import { type AttemptCounter, bucketOf, type LimitRule, windowEnd } from './attempts.ts';

/** A named throttle: how many per window, and what the person is told when they hit it. */
export interface Throttle extends Required<LimitRule> {
  readonly name: string;
  /** Said when the limit is reached; `{minutes}` is replaced by the wait. */
  readonly refusal: LocalizedMessage;
}

/** Whole minutes until `retryAt`, at least 1: "thử lại sau 1 phút", never "sau 0 phút". */
export const minutesUntil = (retryAt: Date, at: Date): number =>
  Math.max(1, Math.ceil((retryAt.getTime() - at.getTime()) / 60_000));

export const tooManyRequests = (throttle: Throttle, retryAt: Date, at: Date): DomainError => {
  const minutes = minutesUntil(retryAt, at);
  const fill = (text: string) => text.replaceAll('{minutes}', String(minutes));
  return new DomainError(
    'rate_limited',
    'rate_limited',
    { vi: fill(throttle.refusal.vi), en: fill(throttle.refusal.en) },
    {
      details: {
        limit: throttle.name,
        retryAfterSeconds: Math.ceil((retryAt.getTime() - at.getTime()) / 1000),
      },
    },
  );
};

export interface ThrottleCheck {
  readonly throttle: Throttle;
  /** Who or what is counted: a phone, a network address, a user id, a session. Absent = not checked. */
  readonly subject: string | undefined;
}

/**
 * Counts one request against every applicable throttle, in order, and refuses (429, in the person's
 * words) at the first that is full. A refused request still counts against the throttles before it:
 * hammering does not get cheaper by also hitting a later limit.
 */
export async function enforceThrottles(
  counter: AttemptCounter,
  checks: readonly ThrottleCheck[],
  at: Date,
): Promise<void> {
  for (const { throttle, subject } of checks) {
    if (subject === undefined || subject === '') continue;
    const taken = await counter.take(bucketOf(throttle.name, subject), throttle, at);
    if (!taken.ok) throw tooManyRequests(throttle, taken.retryAt ?? windowEnd(throttle, at) ?? at, at);
  }
}
