import { createHash, timingSafeEqual } from 'node:crypto';
import { loadedSecret } from '@chophien/functions/shared/secrets';
import type { MiddlewareHandler } from 'astro';
import { splitLangPath } from './i18n/index.ts';
import { bodyRefusal } from './lib/body-limit.ts';

/**
 * The storefront ships no JavaScript, so the policy can forbid all scripts. Styles are inline
 * (one inlined stylesheet); images may come from this site or HTTPS hosts (product photos).
 * `connect-src 'self'` lets crawlers' in-page checks (Lighthouse reads /robots.txt with fetch) reach
 * this origin; there is no script of ours that could use it.
 */
const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * On AWS the server's function URL is public (auth NONE: browsers cannot sign form posts for Lambda
 * OAC), so only requests carrying the secret CloudFront adds are served
 * (docs/decisions/0303-aws-runtime-configuration.md). Locally no secret is configured.
 */
const ORIGIN_VERIFY_HEADER = 'x-chophien-origin-verify';
const digest = (value: string) => createHash('sha256').update(value).digest();

function fromOurCdn(request: Request): boolean {
  // Loaded at cold start from ORIGIN_VERIFY_SECRET_ARN (plain env only in tests of the bundle).
  const expected = loadedSecret('ORIGIN_VERIFY_SECRET') ?? process.env['ORIGIN_VERIFY_SECRET'];
  if (!expected) return !process.env['ORIGIN_VERIFY_SECRET_ARN'];
  // Equal-length digests: the comparison takes the same time whatever the header holds.
  return timingSafeEqual(digest(request.headers.get(ORIGIN_VERIFY_HEADER) ?? ''), digest(expected));
}

/** Locally, listing photos come from the API server's port over http (contract C3); allow that origin for images. */
function withPhotoOrigin(csp: string): string {
  try {
    const url = new URL(process.env.PHOTOS_PUBLIC_URL ?? '');
    return url.protocol === 'http:' ? csp.replace("img-src 'self'", `img-src 'self' ${url.origin}`) : csp;
  } catch {
    return csp;
  }
}

/**
 * Language comes from the path, not a cookie: "/en/…" is English, the rest Vietnamese.
 * English requests are rewritten to the same page, so every page exists once and serves both.
 * Shareable links and CDN caching keep working because the URL alone decides the content.
 */
export const onRequest: MiddlewareHandler = async (context, next) => {
  if (!fromOurCdn(context.request)) return new Response('Forbidden', { status: 403 });
  const { lang, path } = splitLangPath(context.url.pathname);
  const refused = await bodyRefusal(context.request, path);
  if (refused) return refused;
  context.locals.lang = lang;
  context.locals.path = path;
  const response = lang === 'en' ? await next(`${path}${context.url.search}`) : await next();
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    if (!response.headers.has('content-language')) response.headers.set('content-language', lang);
    for (const [name, value] of Object.entries(securityHeaders)) {
      if (!response.headers.has(name))
        response.headers.set(name, name === 'content-security-policy' ? withPhotoOrigin(value) : value);
    }
  }
  return response;
};
