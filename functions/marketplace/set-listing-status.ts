import { listingStatusSchema, setListingStatus } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('POST /listings/{id}/status'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: listingStatusSchema,
  handle: ({ path, body, actor }) => setListingStatus(marketplace(), actor, path.id, body),
});
