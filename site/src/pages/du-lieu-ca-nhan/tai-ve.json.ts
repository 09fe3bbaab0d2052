import { myData, myDataJson } from '@chophien/core';
import type { APIRoute } from 'astro';
import { currentActor } from '../../features/auth/session.ts';
import { privacyDeps } from '../../features/onboarding/services.ts';

/** `GET /du-lieu-ca-nhan/tai-ve.json`: everything the platform holds about the signed-in person, as JSON. */
export const GET: APIRoute = async ({ cookies }) => {
  const actor = await currentActor(cookies);
  if (!actor)
    return new Response('Bạn cần đăng nhập. / Please sign in.', {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  const data = await myData(privacyDeps(), actor);
  return new Response(myDataJson(data), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="cho-phien-du-lieu-${data.generatedAt.slice(0, 10)}.json"`,
      'cache-control': 'no-store',
    },
  });
};
