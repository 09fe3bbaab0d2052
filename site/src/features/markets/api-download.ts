import { TOKEN_COOKIE } from '@chophien/http';
import type { AstroCookies } from 'astro';

/**
 * Files the API builds (the day's ledger CSV, a stall's QR standee), reached from links on storefront
 * pages. The browser holds its session as the `cp_token` cookie of the site's own host; on AWS the API
 * is another host, behind a JWT authorizer that reads only the Authorization header, so a link straight
 * to the API answers 401 there (issue 15 item 12, caught by the artifact harness). The storefront asks
 * the API with the person's token as a bearer and hands the file on: one path everywhere, and the API
 * stays the one place that builds and authorizes the file.
 */
const PASSED_HEADERS = ['content-type', 'content-disposition'];

export async function apiDownload(cookies: AstroCookies, apiPath: string): Promise<Response> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token) {
    return new Response('Bạn cần đăng nhập để tải tệp này. / Sign in to download this file.', {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const apiUrl = process.env.API_URL;
  if (!apiUrl) throw new Error('API_URL is not set');
  const upstream = await fetch(`${apiUrl.replace(/\/+$/, '')}${apiPath}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}

/** A path segment the API route expects: ids and ISO days only, nothing that could change the path. */
export const safeSegment = (value: string | null, pattern: RegExp): string | undefined =>
  value !== null && pattern.test(value) ? value : undefined;
