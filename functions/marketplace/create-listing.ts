import { createListing, listingInputSchema } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('POST /listings'), {
  body: listingInputSchema,
  handle: async ({ body, actor }) => reply.created(await createListing(marketplace(), actor, body)),
});
