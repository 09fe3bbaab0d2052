import { createHash } from 'node:crypto';

/**
 * Every limit of the platform (code tries, PIN guesses, SMS requests, checkouts) is counted the same way:
 * the attempt is counted by one conditional write *before* anything is evaluated, and only an attempt that
 * was counted goes on. Reading a counter, evaluating, then incrementing lets thirty simultaneous requests
 * all see "0 so far" and all be evaluated; a conditional increment gives exactly `max` of them a slot.
 */
export interface LimitRule {
  /** Attempts allowed per window (or per life of the bucket). */
  readonly max: number;
  /**
   * Length of a fixed window, aligned to the epoch; absent = the bucket's whole life (a PIN, a code).
   * Fixed windows let a burst of up to 2×max straddle a boundary: acceptable for throttles, and the
   * lifetime rules, where that would matter, have no boundary.
   */
  readonly windowMs?: number;
}

export type Taken =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly retryAt?: Date };

/** The port; packages/db implements it with one conditional update per call. */
export interface AttemptCounter {
  /**
   * Counts one attempt in `bucket` for the window holding `at`, unless `rule.max` are already counted
   * there. Atomic: of N concurrent callers with room for k, exactly k get `ok`.
   * `keepUntil` bounds how long a lifetime bucket is kept (windowed buckets expire after their window).
   */
  take(bucket: string, rule: LimitRule, at: Date, keepUntil?: Date): Promise<Taken>;
  /** Gives one counted attempt back (an attempt that turned out right is not a failure). */
  giveBack(bucket: string, rule: LimitRule, at: Date): Promise<void>;
}

/** Start of the window holding `at` (0 for lifetime rules). */
export const windowStart = (rule: LimitRule, at: Date): number =>
  rule.windowMs ? Math.floor(at.getTime() / rule.windowMs) * rule.windowMs : 0;

/** When the window holding `at` ends; undefined for lifetime rules. */
export const windowEnd = (rule: LimitRule, at: Date): Date | undefined =>
  rule.windowMs ? new Date(windowStart(rule, at) + rule.windowMs) : undefined;

/**
 * A bucket name: the limit's name and its subject. Subjects (phones, network addresses, user ids) are
 * hashed so the table never holds them in clear for a throttle's sake.
 */
export const bucketOf = (limit: string, subject: string): string =>
  `${limit}#${createHash('sha256').update(`${limit}\0${subject}`).digest('base64url').slice(0, 22)}`;
