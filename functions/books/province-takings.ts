import { aggregateQuerySchema, provinceTakings } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { booksServices } from './services.ts';

export const handler = createHandler(route('GET /province/takings'), {
  query: aggregateQuerySchema,
  handle: ({ actor, query }) => provinceTakings(booksServices(), actor, query.period),
});
