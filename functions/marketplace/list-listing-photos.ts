import { listListingPhotos } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { photoServices } from './photos/services.ts';

export const handler = createHandler(route('GET /listings/{id}/photos'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  handle: ({ path, actor }) => listListingPhotos(photoServices(), actor, path.id),
});
