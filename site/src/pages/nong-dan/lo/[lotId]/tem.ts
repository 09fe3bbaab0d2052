import { isDomainError } from '@chophien/core';
import { statusOfKind } from '@chophien/http';
import type { APIRoute } from 'astro';
import { LABEL_ERROR_PARAM, labelFile, labelQuerySchema } from '../../../../features/producer/labels.ts';
import { currentActor, HOUSEHOLD_PARAM, signInHref } from '../../../../features/producer/session.ts';
import { localizePath, requestLang } from '../../../../i18n/index.ts';

/**
 * The lot's label sheet as a download, for the farm's owner or its commune officer only (core's label
 * use-case applies the same rule as the API's GET /trace/lots/{lotId}/labels).
 */
export const GET: APIRoute = async ({ params, url, cookies, locals, redirect }) => {
  const { lang, path } = requestLang(locals, url);
  // Under /en the middleware rewrites to this route, but an endpoint keeps the params of the first match
  // (the catch-all 404 route), so the lot id is read from the language-free path.
  const lotId = /^\/nong-dan\/lo\/([0-9A-Za-z]{1,40})\/tem\/?$/.exec(path)?.[1] ?? params.lotId ?? '';
  const actor = await currentActor(cookies);
  if (!actor) return redirect(signInHref(lang, `${url.pathname}${url.search}`), 303);
  const query = labelQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    // Back to the lot page's label form, which says what is wrong beside the field and keeps what was typed.
    const back = new URLSearchParams();
    const household = url.searchParams.get(HOUSEHOLD_PARAM);
    if (household) back.set(HOUSEHOLD_PARAM, household);
    back.set(LABEL_ERROR_PARAM, url.searchParams.get('copies') ?? '');
    return redirect(`${localizePath(lang, `/nong-dan/lo/${lotId}`)}?${back}#labels-title`, 303);
  }
  try {
    const file = await labelFile(actor, lotId, query.data);
    return new Response(file.body, {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.filename}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
        // An SVG opened straight from the download must not run anything.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      },
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return text(statusOfKind[error.kind], error.messages[lang]);
  }
};

const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
