import type { MiddlewareHandler } from 'astro';
import { splitLangPath } from './i18n/index.ts';

/**
 * The storefront ships no JavaScript, so the policy can forbid all scripts. Styles are inline
 * (one inlined stylesheet); images may come from this site or HTTPS hosts (product photos).
 */
const securityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/**
 * Language comes from the path, not a cookie: "/en/…" is English, the rest Vietnamese.
 * English requests are rewritten to the same page, so every page exists once and serves both.
 * Shareable links and CDN caching keep working because the URL alone decides the content.
 */
export const onRequest: MiddlewareHandler = async (context, next) => {
  const { lang, path } = splitLangPath(context.url.pathname);
  context.locals.lang = lang;
  context.locals.path = path;
  const response = lang === 'en' ? await next(`${path}${context.url.search}`) : await next();
  if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
    if (!response.headers.has('content-language')) response.headers.set('content-language', lang);
    for (const [name, value] of Object.entries(securityHeaders)) {
      if (!response.headers.has(name)) response.headers.set(name, value);
    }
  }
  return response;
};
