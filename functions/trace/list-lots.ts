import { listFarmLots } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('GET /trace/farms/{farmId}/lots'), {
  path: z.object({ farmId: z.string().min(1).max(40) }),
  handle: async ({ path, actor }) => ({ lots: await listFarmLots(traceServices(), actor, path.farmId) }),
});
