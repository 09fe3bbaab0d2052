import { householdRevenue, yearQuerySchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { booksServices } from './services.ts';

export const handler = createHandler(route('GET /books/revenue'), {
  query: yearQuerySchema,
  handle: ({ actor, query }) => householdRevenue(booksServices(), actor, query),
});
