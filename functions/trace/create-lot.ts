import { createLotInputSchema, createTraceLot, printedUri } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('POST /trace/farms/{farmId}/lots'), {
  path: z.object({ farmId: z.string().min(1).max(40) }),
  body: createLotInputSchema,
  handle: async ({ body, path, actor }) => {
    const deps = traceServices();
    const lot = await createTraceLot(deps, actor, path.farmId, body);
    const code = { ...(lot.gtin ? { gtin: lot.gtin } : {}), lot: lot.lotCode };
    return reply.created({ ...lot, uri: printedUri(code, deps.config.resolverUrl) });
  },
});
