import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Locally there is no S3 to presign against, so the local API server stands in with an upload URL
 * that works like one: an HMAC over exactly what may be uploaded (key, type, length) and until when.
 * Only the local runtime uses it; on AWS the same PhotoStore port hands out presigned S3 PUTs.
 */
export const LOCAL_UPLOAD_PATH = '/local/photos/upload';

export interface LocalUploadGrant {
  readonly key: string;
  readonly contentType: string;
  readonly contentLength: number;
  /** Unix seconds. */
  readonly expires: number;
}

/** Staged uploads only: `uploads/<listing ulid>/<upload ulid>`; nothing else can be written through a URL. */
export const STAGED_KEY = /^uploads\/[0-9A-HJKMNP-TV-Z]{26}\/[0-9A-HJKMNP-TV-Z]{26}$/;

const payload = (grant: LocalUploadGrant) =>
  ['PUT', grant.key, grant.contentType, grant.contentLength, grant.expires].join('\n');

export const signLocalUpload = (secret: string, grant: LocalUploadGrant): string =>
  createHmac('sha256', secret).update(payload(grant)).digest('base64url');

export function localUploadUrl(apiUrl: string, secret: string, grant: LocalUploadGrant): string {
  const url = new URL(LOCAL_UPLOAD_PATH, apiUrl);
  url.searchParams.set('key', grant.key);
  url.searchParams.set('type', grant.contentType);
  url.searchParams.set('length', String(grant.contentLength));
  url.searchParams.set('expires', String(grant.expires));
  url.searchParams.set('sig', signLocalUpload(secret, grant));
  return url.href;
}

export type LocalUploadCheck =
  | { readonly ok: true; readonly grant: LocalUploadGrant }
  | { readonly ok: false; readonly reason: 'malformed' | 'bad_signature' | 'expired' };

/** The grant an upload URL carries, if its signature holds and it has not expired. */
export function verifyLocalUpload(secret: string, url: URL, now: Date): LocalUploadCheck {
  const q = url.searchParams;
  const key = q.get('key') ?? '';
  const contentType = q.get('type') ?? '';
  const whole = (value: string | null) => (value && /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN);
  const contentLength = whole(q.get('length'));
  const expires = whole(q.get('expires'));
  const sig = q.get('sig') ?? '';
  if (
    !STAGED_KEY.test(key) ||
    !contentType ||
    !Number.isSafeInteger(contentLength) ||
    !Number.isSafeInteger(expires)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const grant = { key, contentType, contentLength, expires };
  const expected = Buffer.from(signLocalUpload(secret, grant));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  // Checked after the signature, so a forged URL learns nothing about expiry.
  if (now.getTime() > expires * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, grant };
}
