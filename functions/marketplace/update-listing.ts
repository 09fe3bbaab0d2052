import { listingPatchSchema, updateListing } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('PATCH /listings/{id}'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: listingPatchSchema,
  handle: ({ path, body, actor }) => updateListing(marketplace(), actor, path.id, body),
});
