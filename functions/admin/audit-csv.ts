import { auditCsv, auditQuery, listAudit } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('GET /admin/audit.csv'), {
  query: auditQuery,
  handle: async ({ actor, query }) => {
    const { month, entries } = await listAudit(consoleServices(), actor, query);
    return reply.text(auditCsv(entries), 'text/csv; charset=utf-8', 200, {
      'content-disposition': `attachment; filename="nhat-ky-quan-tri-${month}.csv"`,
      'cache-control': 'no-store',
    });
  },
});
