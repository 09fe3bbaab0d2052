import { auditQuery, listAudit } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('GET /admin/audit'), {
  query: auditQuery,
  handle: ({ actor, query }) => listAudit(consoleServices(), actor, query),
});
