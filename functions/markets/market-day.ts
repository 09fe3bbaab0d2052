import { marketDay } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /markets/{marketId}/days/{day}'), {
  path: z.object({ marketId: z.string().min(1).max(40), day: z.iso.date() }),
  handle: ({ actor, path }) => marketDay(marketsServices().store, actor, path.marketId, path.day),
});
