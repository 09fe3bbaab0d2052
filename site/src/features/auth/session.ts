import type { Actor } from '@chophien/core';
import { TOKEN_COOKIE, verifyToken } from '@chophien/http';
import type { AstroCookies } from 'astro';
import { type Lang, localizePath } from '../../i18n/index.ts';
import { identityAdapter, type PendingSignIn } from './identity.ts';
import { DEFAULT_NEXT, safeNextPath } from './next-path.ts';

/**
 * The signed-in person, for site pages: the `cp_token` cookie holds the identity provider's ID token
 * (the same RS256 token the API accepts), verified on every read. Contract C1. When it has expired (Cognito's
 * last an hour) and a refresh token is kept, a new ID token is fetched and the cookie replaced, so a
 * session lasts as long as the refresh token (30 days) unless the person signs out or is deactivated.
 */
export async function currentActor(cookies: AstroCookies, secure?: boolean): Promise<Actor | undefined> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (token) {
    try {
      return await verifyToken(token);
    } catch {
      // Expired or refused: a refresh below, if any.
    }
  }
  const refreshToken = cookies.get(REFRESH_COOKIE)?.value;
  const adapter = identityAdapter();
  if (!refreshToken || !adapter.refresh) return undefined;
  const fresh = await adapter.refresh(refreshToken);
  if (!fresh) return undefined;
  const useSecure = secure ?? process.env.SITE_URL?.startsWith('https:') ?? false;
  try {
    const actor = await verifyToken(fresh);
    setTokenCookie(cookies, fresh, useSecure);
    return actor;
  } catch {
    return undefined;
  }
}

/** Cognito's refresh token, for `currentActor` to renew the ID token (never readable by scripts). */
export const REFRESH_COOKIE = 'cp_refresh';
const REFRESH_SECONDS = 30 * 24 * 60 * 60;

export function setRefreshCookie(cookies: AstroCookies, refreshToken: string, secure: boolean): void {
  cookies.set(REFRESH_COOKIE, refreshToken, { ...cookieBase(secure), maxAge: REFRESH_SECONDS });
}

export function clearRefreshCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.delete(REFRESH_COOKIE, cookieBase(secure));
}

/** The sign-in page in `lang`, coming back to `next` (a same-site path; anything else → "/"). */
export function signInHref(lang: Lang, next: string): string {
  const page = localizePath(lang, '/dang-nhap');
  const safe = safeNextPath(next);
  return safe === DEFAULT_NEXT ? page : `${page}?next=${encodeURIComponent(safe)}`;
}

/** Cookies marked Secure whenever the site is served over HTTPS (always on AWS, never on a laptop). */
function cookieBase(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
}

export function setTokenCookie(cookies: AstroCookies, idToken: string, secure: boolean): void {
  const exp = expiryOf(idToken);
  const maxAge = exp ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : 60 * 60;
  cookies.set(TOKEN_COOKIE, idToken, { ...cookieBase(secure), maxAge });
}

/** The token's `exp` (seconds), read without verifying: it only sizes the cookie's lifetime. */
function expiryOf(jwt: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

export function clearTokenCookie(cookies: AstroCookies, secure: boolean): void {
  cookies.delete(TOKEN_COOKIE, cookieBase(secure));
}

/** Between the two steps: the phone, Cognito's session and whether it is a sign-up, for 5 minutes. */
export const PENDING_COOKIE = 'cp_signin';
const PENDING_SECONDS = 5 * 60;

export function setPendingSignIn(cookies: AstroCookies, pending: PendingSignIn, secure: boolean): void {
  const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
  cookies.set(PENDING_COOKIE, value, { ...cookieBase(secure), maxAge: PENDING_SECONDS });
}

export function readPendingSignIn(cookies: AstroCookies): PendingSignIn | undefined {
  const value = cookies.get(PENDING_COOKIE)?.value;
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    if (typeof parsed.phone !== 'string') return undefined;
    return {
      phone: parsed.phone,
      ...(typeof parsed.session === 'string' ? { session: parsed.session } : {}),
      ...(parsed.signUp === true ? { signUp: true as const } : {}),
    };
  } catch {
    return undefined;
  }
}

export function clearPendingSignIn(cookies: AstroCookies, secure: boolean): void {
  cookies.delete(PENDING_COOKIE, cookieBase(secure));
}

/** HTTPS if the request came over it or the configured public URL says so. */
export function isSecureSite(requestUrl: URL): boolean {
  const configured = process.env.SITE_URL;
  return requestUrl.protocol === 'https:' || (configured?.startsWith('https:') ?? false);
}
