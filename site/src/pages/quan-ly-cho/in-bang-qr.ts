import { isDomainError, markStandeesPrinted, standeesToPrint } from '@chophien/core';
import { standeeSheetHtml } from '@chophien/vietqr/standee';
import type { APIRoute } from 'astro';
import { currentActor } from '../../features/auth/session.ts';
import { apiText } from '../../features/onboarding/api.ts';
import { onboardingDeps } from '../../features/onboarding/services.ts';

/**
 * `POST /quan-ly-cho/in-bang-qr` (marketId, which = due | all): one printable document of A6 standees for
 * the manager's stalls that pay a confirmed account. Each standee comes from the API, which holds the
 * check-code secret and authorizes the manager again; the stalls printed leave the "due" list.
 */
const FETCHES_AT_ONCE = 6;

const plain = (status: number, text: string) =>
  new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

export const POST: APIRoute = async ({ cookies, request }) => {
  const actor = await currentActor(cookies);
  if (!actor) return plain(401, 'Bạn cần đăng nhập. / Please sign in.');
  const form = await request.formData();
  const marketId = String(form.get('marketId') ?? '');
  const which = String(form.get('which') ?? 'due');
  const deps = onboardingDeps();
  let selection: Awaited<ReturnType<typeof standeesToPrint>>;
  try {
    selection = await standeesToPrint(deps, actor, marketId, { which });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return plain(error.kind === 'not_found' ? 404 : 403, `${error.messages.vi} / ${error.messages.en}`);
  }
  const printed: typeof selection.stalls = [];
  const svgs: string[] = [];
  for (let i = 0; i < selection.stalls.length; i += FETCHES_AT_ONCE) {
    const batch = selection.stalls.slice(i, i + FETCHES_AT_ONCE);
    const drawn = await Promise.all(
      batch.map((entry) =>
        apiText(cookies, `/stalls/${encodeURIComponent(entry.stall.id)}/standee`).catch((error: unknown) => {
          // A stall whose account was retired since the list was read has no standee: left out, still due.
          if (isDomainError(error) && error.kind === 'not_found') return undefined;
          throw error;
        }),
      ),
    );
    drawn.forEach((svg, index) => {
      const entry = batch[index];
      if (svg && entry) {
        svgs.push(svg.replace(/^<\?xml[^>]*>\s*/, ''));
        printed.push(entry);
      }
    });
  }
  if (svgs.length === 0) return plain(404, 'Không có sạp nào cần in bảng QR. / No stall needs a QR standee.');
  await markStandeesPrinted(deps, actor, selection.market.id, printed);
  return new Response(standeeSheetHtml(`Bảng QR – ${selection.market.name}`, svgs), {
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
};
