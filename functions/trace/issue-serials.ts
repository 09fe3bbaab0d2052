import { issueSerials, MAX_SERIALS_PER_CALL } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('POST /trace/lots/{lotId}/serials'), {
  path: z.object({ lotId: z.string().min(1).max(40) }),
  body: z.object({ count: z.number().int().min(1).max(MAX_SERIALS_PER_CALL) }),
  handle: async ({ body, path, actor }) =>
    reply.created(await issueSerials(traceServices(), actor, path.lotId, body.count)),
});
