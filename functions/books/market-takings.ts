import { aggregateQuerySchema, marketTakings } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { booksServices } from './services.ts';

export const handler = createHandler(route('GET /markets/{marketId}/takings'), {
  path: z.object({ marketId: z.string().min(1).max(40) }),
  query: aggregateQuerySchema,
  handle: ({ actor, path, query }) => marketTakings(booksServices(), actor, path.marketId, query.period),
});
