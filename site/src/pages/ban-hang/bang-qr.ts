import type { APIRoute } from 'astro';
import { apiDownload, safeSegment } from '../../features/markets/api-download.ts';

/** `GET /ban-hang/bang-qr?quay=<stall>`: the stall's printable QR standee (via the API). */
export const GET: APIRoute = async ({ cookies, url }) => {
  const stall = safeSegment(url.searchParams.get('quay'), /^[0-9A-Z]{1,40}$/);
  if (!stall) {
    return new Response('Thiếu mã quầy. / Stall missing.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return apiDownload(cookies, `/stalls/${stall}/standee`);
};
