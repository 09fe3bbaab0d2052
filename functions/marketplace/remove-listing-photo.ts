import { photoIdSchema, removeListingPhoto } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { photoServices } from './photos/services.ts';

export const handler = createHandler(route('DELETE /listings/{id}/photos/{photoId}'), {
  path: z.object({ id: z.string().min(1).max(40), photoId: photoIdSchema }),
  handle: ({ path, actor }) => removeListingPhoto(photoServices(), actor, path.id, path.photoId),
});
