import { stallDay } from '@chophien/core';
import type { APIRoute } from 'astro';
import { marketsDeps } from '../../features/markets/services.ts';
import { sellerFromCookie } from '../../features/markets/session.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });

/**
 * `GET /ban-hang/trang-thai?quay=<stall>&ma=<sale code>`: one sale's state for the sell screen's script,
 * which asks every few seconds while the QR is shown (works on AWS and locally alike, no stream needed).
 * Only who may see the stall's day (its vendor, helper or manager: `stallDay`) gets an answer.
 */
export const GET: APIRoute = async ({ cookies, url }) => {
  const stallId = url.searchParams.get('quay') ?? '';
  const code = (url.searchParams.get('ma') ?? '').trim().toUpperCase();
  if (!/^[0-9A-Z]{1,40}$/.test(stallId) || !/^[0-9A-Z]{1,20}$/.test(code))
    return json(400, { error: 'bad_request' });
  const session = await sellerFromCookie(cookies);
  if (!session) return json(401, { error: 'unauthorized' });
  try {
    const day = await stallDay(marketsDeps(), session.actor, stallId);
    const sale = day.sales.find((candidate) => candidate.code === code);
    if (!sale) return json(404, { error: 'not_found' });
    return json(200, {
      code: sale.code,
      status: sale.status,
      amountVnd: sale.amountVnd,
      receivedVnd: sale.receivedVnd,
      shortfallVnd: sale.shortfallVnd,
      surplusVnd: sale.surplusVnd,
    });
  } catch {
    // Not this person's stall (or no such stall): the same answer, so nothing is learnt from it.
    return json(404, { error: 'not_found' });
  }
};
