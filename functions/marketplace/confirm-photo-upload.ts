import { confirmPhotoUpload, photoConfirmSchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { withImages } from './photos/services.ts';
import { photoProcessorFromEnv } from './photos/sharp-processor.ts';

let processor: ReturnType<typeof withImages> | undefined;
const images = () => {
  processor ??= withImages(photoProcessorFromEnv());
  return processor;
};

export const handler = createHandler(route('POST /listings/{id}/photos'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: photoConfirmSchema,
  handle: ({ path, body, actor }) => confirmPhotoUpload(images(), actor, path.id, body),
});
