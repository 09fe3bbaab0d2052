import type { Actor } from '@chophien/core';
import { TOKEN_COOKIE, verifyToken } from '@chophien/http';
import type { AstroCookies } from 'astro';
import { type Lang, localizePath } from '../../i18n/index.ts';
import { deleteSiteCookie, setSiteCookie } from '../../lib/cookies.ts';
import { identityAdapter, type PendingSignIn } from './identity.ts';
import { DEFAULT_NEXT, safeNextPath } from './next-path.ts';

/**
 * The signed-in person, for site pages: the `cp_token` cookie holds the identity provider's ID token
 * (the same RS256 token the API accepts), verified on every read. Contract C1. When it has expired (Cognito's
 * last an hour) and a refresh token is kept, a new ID token is fetched and the cookie replaced, so a
 * session lasts as long as the refresh token (30 days) unless the person signs out or is deactivated.
 */
export async function currentActor(cookies: AstroCookies, requestUrl?: URL): Promise<Actor | undefined> {
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
  try {
    const actor = await verifyToken(fresh);
    setTokenCookie(cookies, fresh, requestUrl);
    return actor;
  } catch {
    return undefined;
  }
}

/** Cognito's refresh token, for `currentActor` to renew the ID token (never readable by scripts). */
export const REFRESH_COOKIE = 'cp_refresh';
const REFRESH_SECONDS = 30 * 24 * 60 * 60;

export function setRefreshCookie(cookies: AstroCookies, refreshToken: string, requestUrl: URL): void {
  setSiteCookie(cookies, requestUrl, REFRESH_COOKIE, refreshToken, REFRESH_SECONDS);
}

export function clearRefreshCookie(cookies: AstroCookies, requestUrl: URL): void {
  deleteSiteCookie(cookies, requestUrl, REFRESH_COOKIE);
}

/** The sign-in page in `lang`, coming back to `next` (a same-site path; anything else → "/"). */
export function signInHref(lang: Lang, next: string): string {
  const page = localizePath(lang, '/dang-nhap');
  const safe = safeNextPath(next);
  return safe === DEFAULT_NEXT ? page : `${page}?next=${encodeURIComponent(safe)}`;
}

/** `requestUrl` absent (a refresh while reading a page): Secure by configuration (AWS, an https SITE_URL). */
export function setTokenCookie(cookies: AstroCookies, idToken: string, requestUrl: URL | undefined): void {
  const exp = expiryOf(idToken);
  const maxAge = exp ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : 60 * 60;
  setSiteCookie(cookies, requestUrl, TOKEN_COOKIE, idToken, maxAge);
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

export function clearTokenCookie(cookies: AstroCookies, requestUrl: URL): void {
  deleteSiteCookie(cookies, requestUrl, TOKEN_COOKIE);
}

/** Between the two steps: the phone, Cognito's session and whether it is a sign-up, for 5 minutes. */
export const PENDING_COOKIE = 'cp_signin';
const PENDING_SECONDS = 5 * 60;

export function setPendingSignIn(cookies: AstroCookies, pending: PendingSignIn, requestUrl: URL): void {
  const value = Buffer.from(JSON.stringify(pending)).toString('base64url');
  setSiteCookie(cookies, requestUrl, PENDING_COOKIE, value, PENDING_SECONDS);
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

export function clearPendingSignIn(cookies: AstroCookies, requestUrl: URL): void {
  deleteSiteCookie(cookies, requestUrl, PENDING_COOKIE);
}
