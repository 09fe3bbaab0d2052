import { gtinInputSchema, lotEpcis } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('GET /epcis/events'), {
  query: z.object({ lot: z.string().min(1).max(40), gtin: gtinInputSchema.optional() }),
  handle: async ({ query }) =>
    reply.text(JSON.stringify(await lotEpcis(traceServices(), query)), 'application/ld+json', 200, {
      'cache-control': 'public, max-age=60',
    }),
});
