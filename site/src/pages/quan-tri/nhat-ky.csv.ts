import { auditCsv, isAdmin, isDomainError, listAudit } from '@chophien/core';
import type { APIRoute } from 'astro';
import { consoleDeps } from '../../features/admin/services.ts';
import { currentActor } from '../../features/auth/session.ts';

/** The audit export, served by the site with the session cookie (the API's twin is GET /admin/audit.csv). */
export const GET: APIRoute = async ({ cookies, url }) => {
  const actor = await currentActor(cookies);
  if (!actor || !isAdmin(actor)) return new Response('Forbidden', { status: actor ? 403 : 401 });
  try {
    const { month, entries } = await listAudit(consoleDeps(), actor, {
      ...(url.searchParams.get('month') ? { month: url.searchParams.get('month') } : {}),
      ...(url.searchParams.get('target') ? { target: url.searchParams.get('target') } : {}),
    });
    return new Response(auditCsv(entries), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="nhat-ky-quan-tri-${month}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (isDomainError(error) || (error instanceof Error && error.name === 'ZodError'))
      return new Response('Bad request', { status: 400 });
    throw error;
  }
};
