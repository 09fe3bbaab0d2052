import { createSale, saleInput } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsConfig } from './config.ts';
import { marketsServices } from './services.ts';

/** A QR or cash sale, by amount or by lines; every amount under the configured stall ceiling. */
export const handler = createHandler(route('POST /stalls/{stallId}/sales'), {
  path: z.object({ stallId: z.string().min(1).max(40) }),
  body: z.lazy(() => saleInput(marketsConfig().stallCeilingVnd)),
  handle: async ({ actor, path, body }) =>
    reply.created(await createSale(marketsServices(), actor, path.stallId, body)),
});
