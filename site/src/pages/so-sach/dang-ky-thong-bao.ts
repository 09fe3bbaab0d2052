import { addMyPushSubscription, isDomainError, pushSubscriptionSchema } from '@chophien/core';
import { statusOfKind } from '@chophien/http';
import type { APIRoute } from 'astro';
import { booksDeps, booksSession } from '../../features/books/services.ts';
import { requestLang } from '../../i18n/index.ts';

/** Stores this browser's push subscription for the signed-in seller (same use-case as POST /alerts/push-subscriptions). */
export const POST: APIRoute = async ({ request, url, cookies, locals }) => {
  const { lang } = requestLang(locals, url);
  const session = await booksSession(cookies);
  if (!session) return text(401, lang === 'en' ? 'Sign in first.' : 'Bạn cần đăng nhập.');
  const parsed = pushSubscriptionSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success)
    return text(400, lang === 'en' ? 'Not a push subscription.' : 'Đăng ký thông báo không hợp lệ.');
  try {
    await addMyPushSubscription(booksDeps(), session.actor, parsed.data);
    return text(204, '');
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return text(statusOfKind[error.kind], error.messages[lang]);
  }
};

const text = (status: number, body: string) =>
  new Response(status === 204 ? null : body, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });
