import { recordEventInputSchema, recordTraceEvent } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('POST /trace/lots/{lotId}/events'), {
  path: z.object({ lotId: z.string().min(1).max(40) }),
  body: recordEventInputSchema,
  handle: async ({ body, path, actor }) =>
    reply.created(await recordTraceEvent(traceServices(), actor, path.lotId, body)),
});
