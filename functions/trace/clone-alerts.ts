import { listMyCloneAlerts } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('GET /trace/alerts'), {
  handle: async ({ actor }) => ({ alerts: await listMyCloneAlerts(traceServices(), actor) }),
});
