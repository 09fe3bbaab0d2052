import type { APIRoute } from 'astro';
import { safeNextPath } from '../features/auth/next-path.ts';
import { clearPendingSignIn, clearRefreshCookie, clearTokenCookie } from '../features/auth/session.ts';
import { localizePath, requestLang } from '../i18n/index.ts';

/**
 * `POST /dang-xuat` (and `/en/dang-xuat`): forgets the token cookie and goes home (or to a same-site
 * `next`). POST only, so a link or an image on another site cannot sign anyone out.
 */
export const POST: APIRoute = async ({ request, cookies, locals, url, redirect }) => {
  const { lang } = requestLang(locals, url);
  clearTokenCookie(cookies, url);
  clearRefreshCookie(cookies, url);
  clearPendingSignIn(cookies, url);
  const form = await request.formData().catch(() => undefined);
  const next = safeNextPath(form?.get('next') ?? url.searchParams.get('next'));
  const response = redirect(next === '/' ? localizePath(lang, '/') : next, 303);
  response.headers.set('Cache-Control', 'no-store');
  return response;
};
