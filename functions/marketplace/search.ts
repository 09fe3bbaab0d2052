import { searchListings, searchQuerySchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('GET /search'), {
  query: searchQuerySchema,
  handle: ({ query }) => searchListings(marketplace(), query),
});
