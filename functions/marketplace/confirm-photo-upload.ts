import { confirmPhotoUpload, photoConfirmSchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { z } from 'zod';
import { route } from '../routes.ts';
import { photoServices } from './photos/services.ts';

export const handler = createHandler(route('POST /listings/{id}/photos'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: photoConfirmSchema,
  handle: ({ path, body, actor }) => confirmPhotoUpload(photoServices(), actor, path.id, body),
});
