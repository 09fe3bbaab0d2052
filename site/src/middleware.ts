import type { MiddlewareHandler } from 'astro';
import { splitLangPath } from './i18n/index.ts';

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
  if (!response.headers.has('content-language')) response.headers.set('content-language', lang);
  return response;
};
