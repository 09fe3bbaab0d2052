import { randomInt, timingSafeEqual } from 'node:crypto';

/**
 * One-time sign-in codes for the development identity provider, with Cognito's rules of thumb:
 * a 6-digit code per phone, valid 5 minutes, at most 5 wrong tries, after which only a new code helps.
 * Asking again replaces the code (and its try count), so at most one code per phone is ever live.
 * Pure apart from the injected clock and random source, so the rules are unit-tested without waiting.
 */
export const OTP_TTL_MS = 5 * 60_000;
export const OTP_MAX_WRONG_TRIES = 5;

export type OtpCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'no_code' | 'expired' | 'too_many_tries' }
  | { readonly ok: false; readonly reason: 'wrong_code'; readonly triesLeft: number };

export interface OtpStore {
  issue(phone: string): { code: string; expiresAt: number };
  check(phone: string, code: string): OtpCheck;
}

interface Pending {
  readonly code: string;
  readonly expiresAt: number;
  wrongTries: number;
}

export function createOtpStore(options: { now?: () => number; randomCode?: () => string } = {}): OtpStore {
  const now = options.now ?? Date.now;
  const randomCode = options.randomCode ?? (() => String(randomInt(0, 1_000_000)).padStart(6, '0'));
  const pending = new Map<string, Pending>();

  return {
    issue(phone) {
      const entry = { code: randomCode(), expiresAt: now() + OTP_TTL_MS, wrongTries: 0 };
      pending.set(phone, entry);
      return { code: entry.code, expiresAt: entry.expiresAt };
    },
    check(phone, code) {
      const entry = pending.get(phone);
      if (!entry) return { ok: false, reason: 'no_code' };
      if (now() >= entry.expiresAt) {
        pending.delete(phone);
        return { ok: false, reason: 'expired' };
      }
      if (entry.wrongTries >= OTP_MAX_WRONG_TRIES) return { ok: false, reason: 'too_many_tries' };
      if (sameCode(entry.code, code)) {
        // Used once: deleted before the caller does anything else, so a replayed request fails.
        pending.delete(phone);
        return { ok: true };
      }
      entry.wrongTries += 1;
      const triesLeft = OTP_MAX_WRONG_TRIES - entry.wrongTries;
      return triesLeft === 0
        ? { ok: false, reason: 'too_many_tries' }
        : { ok: false, reason: 'wrong_code', triesLeft };
    },
  };
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
