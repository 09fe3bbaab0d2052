/**
 * Webhook signatures of the two notification-service styles (pure; node:crypto only).
 * payOS-style: HMAC-SHA256 (hex) over the `data` object as sorted `key=value&…`.
 * SePay-style: HMAC-SHA256 (hex) over `<timestamp>.<raw body>`, timestamp within ±5 minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SEPAY_MAX_SKEW_MS = 5 * 60 * 1000;
export const SEPAY_SIGNATURE_PREFIX = 'sha256=';

const hmacHex = (secret: string, text: string): string =>
  createHmac('sha256', secret).update(text, 'utf8').digest('hex');

/** Constant-time comparison of two hex signatures; false on any shape mismatch. */
export function sameSignature(expectedHex: string, givenHex: string | undefined): boolean {
  if (!givenHex || !/^[0-9a-fA-F]+$/.test(givenHex) || givenHex.length !== expectedHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex, 'hex'), Buffer.from(givenHex.toLowerCase(), 'hex'));
}

function fieldValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** `a=1&b=x` over the keys sorted by code point: the text a payOS-style signature covers. */
export function payOsSignedText(data: Record<string, unknown>): string {
  return Object.keys(data)
    .sort()
    .map((key) => `${key}=${fieldValue(data[key])}`)
    .join('&');
}

export const signPayOs = (secret: string, data: Record<string, unknown>): string =>
  hmacHex(secret, payOsSignedText(data));

export const verifyPayOs = (
  secret: string,
  data: Record<string, unknown>,
  signature: string | undefined,
): boolean => sameSignature(signPayOs(secret, data), signature);

export const signSePay = (secret: string, timestamp: string, rawBody: string): string =>
  hmacHex(secret, `${timestamp}.${rawBody}`);

export type SePayCheck = 'ok' | 'unsigned' | 'forged' | 'stale';

export function verifySePay(input: {
  secret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  now: Date;
}): SePayCheck {
  if (!input.timestamp || !input.signature) return 'unsigned';
  if (!/^\d{9,11}$/.test(input.timestamp)) return 'forged';
  // SePay sends `sha256=<hex>` (its HMAC-SHA256 webhook docs); a bare hex digest is accepted too.
  const given = input.signature.startsWith(SEPAY_SIGNATURE_PREFIX)
    ? input.signature.slice(SEPAY_SIGNATURE_PREFIX.length)
    : input.signature;
  // Signature first: an attacker must not learn whether only the clock was wrong.
  if (!sameSignature(signSePay(input.secret, input.timestamp, input.rawBody), given)) return 'forged';
  const skew = Math.abs(input.now.getTime() - Number(input.timestamp) * 1000);
  return skew > SEPAY_MAX_SKEW_MS ? 'stale' : 'ok';
}
