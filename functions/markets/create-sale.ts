import { createSale, createSaleInput } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /stalls/{stallId}/sales'), {
  path: z.object({ stallId: z.string().min(1).max(40) }),
  body: createSaleInput,
  handle: async ({ actor, path, body }) =>
    reply.created(await createSale(marketsServices(), actor, path.stallId, body)),
});
