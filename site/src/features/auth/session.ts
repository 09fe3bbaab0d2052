import type { Actor } from '@chophien/core';
import { TOKEN_COOKIE, verifyToken } from '@chophien/http';
import type { AstroCookies } from 'astro';
import { type Lang, localizePath } from '../../i18n/index.ts';
import { deleteSiteCookie, setSiteCookie } from '../../lib/cookies.ts';
import type { PendingSignIn } from './identity.ts';
import { DEFAULT_NEXT, safeNextPath } from './next-path.ts';

/**
 * The signed-in person, for site pages: the `cp_token` cookie holds the identity provider's ID token
 * (the same RS256 token the API accepts), verified on every read. Contract C1.
 */
export async function currentActor(cookies: AstroCookies): Promise<Actor | undefined> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token) return undefined;
  try {
    return await verifyToken(token);
  } catch {
    return undefined;
  }
}

/** The sign-in page in `lang`, coming back to `next` (a same-site path; anything else → "/"). */
export function signInHref(lang: Lang, next: string): string {
  const page = localizePath(lang, '/dang-nhap');
  const safe = safeNextPath(next);
  return safe === DEFAULT_NEXT ? page : `${page}?next=${encodeURIComponent(safe)}`;
}

export function setTokenCookie(cookies: AstroCookies, idToken: string, requestUrl: URL): void {
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
