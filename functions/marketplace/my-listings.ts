import { listMyListings } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('GET /seller/listings'), {
  handle: async ({ actor }) => ({ listings: await listMyListings(marketplace(), actor) }),
});
