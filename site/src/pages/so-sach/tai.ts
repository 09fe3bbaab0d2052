import { bookFormCodes, isDomainError, salesBook } from '@chophien/core';
import { statusOfKind } from '@chophien/http';
import type { APIRoute } from 'astro';
import { signInHref } from '../../features/auth/session.ts';
import { booksDeps, booksSession, HOUSEHOLD_PARAM } from '../../features/books/services.ts';
import { requestLang } from '../../i18n/index.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The sales book as a download (XLSX or PDF): the same use-case and rule as the API's GET /books/sales. */
export const GET: APIRoute = async ({ url, cookies, locals, redirect }) => {
  const { lang } = requestLang(locals, url);
  const session = await booksSession(cookies);
  if (!session) return redirect(signInHref(lang, `${url.pathname}${url.search}`), 303);
  const period = url.searchParams.get('ky') ?? '';
  const form = url.searchParams.get('mau') ?? '';
  const kind = url.searchParams.get('dang') === 'pdf' ? 'pdf' : 'xlsx';
  if (!/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/.test(period) || !bookFormCodes.includes(form as never))
    return text(400, lang === 'en' ? 'Invalid period or form.' : 'Kỳ sổ hoặc mẫu sổ không hợp lệ.');
  try {
    const householdId = url.searchParams.get(HOUSEHOLD_PARAM) ?? undefined;
    const book = await salesBook(booksDeps(), session.actor, {
      period,
      form: form as (typeof bookFormCodes)[number],
      ...(householdId ? { householdId } : {}),
    });
    const bytes =
      kind === 'pdf'
        ? await (await import('@chophien/core/books/pdf')).salesBookPdf(book)
        : await (await import('@chophien/core/books/xlsx')).salesBookXlsx(book);
    return new Response(bytes as unknown as BodyInit, {
      status: 200,
      headers: {
        'content-type': kind === 'pdf' ? 'application/pdf' : XLSX,
        'content-disposition': `attachment; filename="so-${book.form.code}-${book.period.key}.${kind}"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
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
