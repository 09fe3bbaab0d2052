import { stallDay } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /stalls/{stallId}/day'), {
  path: z.object({ stallId: z.string().min(1).max(40) }),
  query: z.object({ day: z.iso.date().optional() }),
  handle: ({ actor, path, query }) => stallDay(marketsServices(), actor, path.stallId, query.day),
});
