import { photoUploadRequestSchema, requestPhotoUpload } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { photoServices } from './photos/services.ts';

export const handler = createHandler(route('POST /listings/{id}/photos/uploads'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: photoUploadRequestSchema,
  handle: async ({ path, body, actor }) =>
    reply.created(await requestPhotoUpload(photoServices(), actor, path.id, body)),
});
