import { createHmac, timingSafeEqual } from 'node:crypto';
import { codeNamespace, type TraceCode } from './links.ts';

/** 96 bits of HMAC-SHA256 in base64url (16 characters): unguessable, short enough for a small QR. */
const TOKEN_LENGTH = 16;

const mac = (secret: string, purpose: string, code: TraceCode) =>
  createHmac('sha256', secret)
    .update(`${purpose}|v1|${codeNamespace(code)}|${code.lot}|${code.serial ?? ''}`)
    .digest();

export const serialToken = (secret: string, code: TraceCode): string =>
  mac(secret, 'token', code).toString('base64url').slice(0, TOKEN_LENGTH);

export function verifySerialToken(secret: string, code: TraceCode, token: string | undefined): boolean {
  if (!token || token.length !== TOKEN_LENGTH) return false;
  const expected = Buffer.from(serialToken(secret, code));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The 6-digit scratch PIN printed under the scratch layer; derived, so nothing secret is stored per item. */
export function scratchPin(secret: string, code: TraceCode): string {
  const n = mac(secret, 'pin', code).readUInt32BE(0) % 1_000_000;
  return String(n).padStart(6, '0');
}

export function verifyScratchPin(secret: string, code: TraceCode, pin: string): boolean {
  const expected = Buffer.from(scratchPin(secret, code));
  const given = Buffer.from(pin.trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type DeviceClass = 'mobile' | 'tablet' | 'desktop' | 'bot' | 'unknown';

/** Coarse device class only: the full user agent is not kept (it identifies people more than it helps). */
export function scanDeviceClass(userAgent: string | undefined): DeviceClass {
  if (!userAgent) return 'unknown';
  const ua = userAgent.toLowerCase();
  if (/bot|crawl|spider|curl|wget|python|node-fetch|undici|headless/.test(ua)) return 'bot';
  if (/ipad|tablet|kindle|silk|(android(?!.*mobile))/.test(ua)) return 'tablet';
  if (/mobi|iphone|ipod|android|zalo|fban|fbav/.test(ua)) return 'mobile';
  if (/windows|macintosh|x11|linux|cros/.test(ua)) return 'desktop';
  return 'unknown';
}

export interface ScanRecord {
  readonly at: string;
  /** Province the buyer chose to share; absent when they did not. */
  readonly region?: string;
}

/**
 * Clone heuristics (signals, not proof). A genuine bag is scanned by a handful of people over its life:
 * more than SCAN_LIMIT scans, or the same serial in 2 provinces within 1 hour or 3 provinces within 24 hours,
 * means copies of the label are circulating.
 */
export const CLONE_RULES = {
  scanLimit: 20,
  twoRegionsWithinMs: 3_600_000,
  threeRegionsWithinMs: 86_400_000,
} as const;

export type CloneReason = 'too_many_scans' | 'implausible_places';

export function cloneSuspicion(
  scanCount: number,
  recent: readonly ScanRecord[],
  rules: typeof CLONE_RULES = CLONE_RULES,
): CloneReason | undefined {
  if (scanCount > rules.scanLimit) return 'too_many_scans';
  const located = recent
    .filter((scan): scan is Required<ScanRecord> => Boolean(scan.region))
    .map((scan) => ({ at: Date.parse(scan.at), region: scan.region }))
    .sort((a, b) => a.at - b.at);
  for (let i = 0; i < located.length; i++) {
    const start = located[i]!;
    const within = (ms: number) =>
      new Set(located.filter((s) => s.at >= start.at && s.at - start.at <= ms).map((s) => s.region)).size;
    if (within(rules.twoRegionsWithinMs) >= 2 || within(rules.threeRegionsWithinMs) >= 3)
      return 'implausible_places';
  }
  return undefined;
}
