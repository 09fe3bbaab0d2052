import { type AttemptCounter, type LimitRule, windowEnd, windowStart } from './attempts.ts';

/**
 * The AttemptCounter contract in memory, for unit tests of the use-cases (one process, so a check and its
 * increment cannot interleave). The connected implementation is packages/db's.
 */
export function memoryAttemptCounter(): AttemptCounter & {
  count(bucket: string, rule: LimitRule, at: Date): number;
} {
  const counts = new Map<string, number>();
  const key = (bucket: string, rule: LimitRule, at: Date) => `${bucket}@${windowStart(rule, at)}`;
  return {
    async take(bucket, rule, at) {
      const k = key(bucket, rule, at);
      const count = counts.get(k) ?? 0;
      if (count >= rule.max) {
        const retryAt = windowEnd(rule, at);
        return retryAt ? { ok: false, retryAt } : { ok: false };
      }
      counts.set(k, count + 1);
      return { ok: true, count: count + 1 };
    },
    async giveBack(bucket, rule, at) {
      const k = key(bucket, rule, at);
      counts.set(k, Math.max(0, (counts.get(k) ?? 0) - 1));
    },
    count: (bucket, rule, at) => counts.get(key(bucket, rule, at)) ?? 0,
  };
}
