import type { APIRoute } from 'astro';
import { apiDownload, safeSegment } from '../../features/markets/api-download.ts';

/** `GET /quan-ly-cho/so-cai.csv?cho=<market>&ngay=<YYYY-MM-DD>`: the console's ledger export (via the API). */
export const GET: APIRoute = async ({ cookies, url }) => {
  const market = safeSegment(url.searchParams.get('cho'), /^[0-9A-Z]{1,40}$/);
  const day = safeSegment(url.searchParams.get('ngay'), /^\d{4}-\d{2}-\d{2}$/);
  if (!market || !day) {
    return new Response('Thiếu chợ hoặc ngày. / Market or day missing.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return apiDownload(cookies, `/markets/${market}/days/${day}/ledger.csv`);
};
