import { createHmac, timingSafeEqual } from 'node:crypto';
import { type AttemptCounter, bucketOf, type LimitRule } from '../limits/attempts.ts';
import type { NotificationClaims, SmsSender } from '../notify/sms.ts';
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
  /**
   * Province the buyer chose to share. Shown to the producer as what buyers said, never evidence of a
   * clone: anyone can type any province into the link (issue 15 item 8, decision 0905).
   */
  readonly region?: string;
  /** Keyed hash of the network the scan came from (`scanNetwork`): the unit of evidence. */
  readonly network?: string;
  /** Where the edge located the viewer's address (CloudFront on AWS, ISO 3166-2); absent locally. */
  readonly observedRegion?: string;
}

/**
 * Clone heuristics (signals, not proof; decision 0905). A genuine bag is scanned by a handful of people
 * over its life. Evidence is what a stranger cannot produce from one phone: more than `networkLimit`
 * different networks scanning the same genuine serial, or the serial observed (by the edge, from the
 * viewer's address, never from a typed province) in 2 places within 1 hour or 3 within 24 hours, each
 * place seen from a different network. A thousand reloads from one network are one network.
 */
export const CLONE_RULES = {
  networkLimit: 20,
  twoRegionsWithinMs: 3_600_000,
  threeRegionsWithinMs: 86_400_000,
} as const;

/** Kept as stored in alerts; `too_many_scans` now means "scanned from too many networks". */
export type CloneReason = 'too_many_scans' | 'implausible_places';

/**
 * The network a scan came from, as a keyed hash of its /24 (IPv4) or /48 (IPv6) prefix: one household or
 * one phone's carrier block counts once, and the table never holds an address.
 */
export function scanNetwork(secret: string, address: string | undefined): string | undefined {
  const prefix = address ? networkPrefix(address) : undefined;
  return prefix
    ? createHmac('sha256', secret).update(`network|v1|${prefix}`).digest('base64url').slice(0, 16)
    : undefined;
}

function networkPrefix(address: string): string | undefined {
  const v4 = address.trim().replace(/^::ffff:/i, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v4)) return `${v4.split('.').slice(0, 3).join('.')}.0/24`;
  const v6 = address.trim().toLowerCase().split('%')[0] ?? '';
  if (!/^[0-9a-f:]+$/.test(v6) || !v6.includes(':')) return undefined;
  const [head = '', tail = ''] = v6.split('::');
  const groups = (part: string) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = v6.includes('::') ? groups(tail) : [];
  const full = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  if (full.length !== 8) return undefined;
  return `${full
    .slice(0, 3)
    .map((g) => g.padStart(4, '0'))
    .join(':')}::/48`;
}

export function cloneSuspicion(
  networkCount: number,
  recent: readonly ScanRecord[],
  rules: typeof CLONE_RULES = CLONE_RULES,
): CloneReason | undefined {
  if (networkCount > rules.networkLimit) return 'too_many_scans';
  // One place per network (the first it was seen in): a VPN hopping exits is still one network per hop.
  const firstPlaceOf = new Map<string, { at: number; region: string }>();
  for (const scan of [...recent].sort((a, b) => a.at.localeCompare(b.at))) {
    if (!scan.network || !scan.observedRegion || firstPlaceOf.has(scan.network)) continue;
    firstPlaceOf.set(scan.network, { at: Date.parse(scan.at), region: scan.observedRegion });
  }
  const located = [...firstPlaceOf.values()].sort((a, b) => a.at - b.at);
  for (let i = 0; i < located.length; i++) {
    const start = located[i]!;
    const within = (ms: number) =>
      new Set(located.filter((s) => s.at >= start.at && s.at - start.at <= ms).map((s) => s.region)).size;
    if (within(rules.twoRegionsWithinMs) >= 2 || within(rules.threeRegionsWithinMs) >= 3)
      return 'implausible_places';
  }
  return undefined;
}

/** The producer hears about a suspected clone at most once an hour per serial, however many scans follow. */
export const CLONE_SMS_WINDOW_MS = 3_600_000;

export interface CloneAlertFacts {
  readonly productName: string;
  readonly lotId: string;
  readonly lotCode: string;
  readonly serial: string;
  readonly reason: CloneReason;
  /** Different networks the serial was scanned from (the evidence of `too_many_scans`). */
  readonly networkCount: number;
  /** Provinces buyers said they were in (context for the producer, not evidence). */
  readonly regions: readonly string[];
  /** Where the producer sees the alerts (the farmer dashboard). */
  readonly dashboardUrl: string;
}

/** The SMS to the farm's owner, in Vietnamese: what, which lot and serial, why it looks copied, where to look. */
export function cloneAlertSms(facts: CloneAlertFacts): string {
  const what = `tem ${facts.productName}, lô ${facts.lotCode}, sê-ri ${facts.serial}`;
  const said = facts.regions.length > 0 ? ` (người mua cho biết: ${facts.regions.join(', ')})` : '';
  const why =
    facts.reason === 'too_many_scans'
      ? `đã được quét từ ${facts.networkCount} mạng Internet khác nhau, nhiều hơn một sản phẩm thật${said}`
      : `được quét ở nhiều tỉnh khác nhau trong thời gian ngắn${said}`;
  return `Chợ Phiên cảnh báo: ${what} ${why}. Tem có thể bị sao chép. Xem cảnh báo tại ${facts.dashboardUrl}`;
}

export interface CloneAlertDeps {
  readonly users: { get(id: string): Promise<{ phone: string } | undefined> };
  readonly sms?: SmsSender | undefined;
  readonly notifications?: NotificationClaims | undefined;
  /** Caps the texts one owner gets a day, whatever number of serials look copied (core/limits). */
  readonly attempts?: AttemptCounter | undefined;
}

/** One owner is texted at most this often: a flood of warnings (or someone provoking them) costs little. */
export const CLONE_SMS_PER_OWNER: LimitRule = { max: 5, windowMs: 86_400_000 };

/**
 * Texts the owner about a clone warning, at most once per serial per hour: the claim is a conditional write,
 * so of ten simultaneous scans exactly one sends. A failed send gives the claim back (the next scan retries)
 * and does not fail the scan: the buyer's page matters more than the alert, which is also stored.
 * Returns whether a message was sent.
 */
export async function notifyCloneAlert(
  deps: CloneAlertDeps,
  owner: { readonly id: string },
  facts: Omit<CloneAlertFacts, 'regions'> & { readonly recent: readonly ScanRecord[]; readonly at: Date },
): Promise<boolean> {
  if (!deps.sms || !deps.notifications) return false;
  const key = `clone-sms#${facts.lotId}#${facts.serial}`;
  if (!(await deps.notifications.claim(key, facts.at, CLONE_SMS_WINDOW_MS))) return false;
  // The alerts stay on the desk either way; only the texts are capped per owner per day.
  const ownerBucket = bucketOf('clone-sms-owner', owner.id);
  if (deps.attempts && !(await deps.attempts.take(ownerBucket, CLONE_SMS_PER_OWNER, facts.at)).ok)
    return false;
  try {
    const profile = await deps.users.get(owner.id);
    if (!profile) return false;
    const since = facts.at.getTime() - CLONE_RULES.threeRegionsWithinMs;
    // In the order the provinces first appeared (the scan log reads newest first).
    const regions = [
      ...new Set(
        [...facts.recent]
          .filter((s) => s.region && Date.parse(s.at) >= since)
          .sort((a, b) => a.at.localeCompare(b.at))
          .map((s) => s.region!),
      ),
    ];
    await deps.sms.send({ to: profile.phone, text: cloneAlertSms({ ...facts, regions }) });
    return true;
  } catch {
    await deps.notifications.release(key, facts.at).catch(() => undefined);
    await deps.attempts?.giveBack(ownerBucket, CLONE_SMS_PER_OWNER, facts.at).catch(() => undefined);
    return false;
  }
}
