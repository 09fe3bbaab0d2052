import type { AstroCookies } from 'astro';

/**
 * Every cookie the storefront sets goes through here, so none can miss a flag: HttpOnly (no script of
 * ours reads cookies), SameSite=Lax (cross-site posts carry none), path `/`, and Secure whenever the site
 * is served over HTTPS — always on AWS (CloudFront redirects http), or when the request or the configured
 * public URL is https. Locally over plain http a Secure cookie would never come back, so it is not set.
 * (functions/test/site-cookies.test.ts fails if a page sets a cookie any other way.)
 */
export function isSecureSite(requestUrl: URL | undefined): boolean {
  if (process.env.CHOPHIEN_MODE === 'aws') return true;
  return requestUrl?.protocol === 'https:' || (process.env.SITE_URL?.startsWith('https:') ?? false);
}

/** `requestUrl` may be absent where no request is at hand (a session refreshed while reading a page). */
export function cookieOptions(requestUrl: URL | undefined) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: isSecureSite(requestUrl) };
}

export function setSiteCookie(
  cookies: AstroCookies,
  requestUrl: URL | undefined,
  name: string,
  value: string,
  maxAgeSeconds: number,
): void {
  cookies.set(name, value, { ...cookieOptions(requestUrl), maxAge: maxAgeSeconds });
}

export function deleteSiteCookie(cookies: AstroCookies, requestUrl: URL, name: string): void {
  cookies.delete(name, cookieOptions(requestUrl));
}
