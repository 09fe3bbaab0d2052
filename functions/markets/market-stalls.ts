import { listMarketStalls } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /markets/{marketId}/stalls'), {
  path: z.object({ marketId: z.string().min(1).max(40) }),
  handle: ({ actor, path }) => listMarketStalls(marketsServices().store, actor, path.marketId),
});
