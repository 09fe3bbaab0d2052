import { photoOrderSchema, reorderListingPhotos } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { photoServices } from './photos/services.ts';

export const handler = createHandler(route('PUT /listings/{id}/photos/order'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: photoOrderSchema,
  handle: ({ path, body, actor }) => reorderListingPhotos(photoServices(), actor, path.id, body),
});
