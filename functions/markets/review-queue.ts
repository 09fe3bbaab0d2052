import { listReviewQueue } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /vendors/{vendorId}/review-queue'), {
  path: z.object({ vendorId: z.string().min(1).max(40) }),
  handle: async ({ actor, path }) => ({
    items: await listReviewQueue(marketsServices().store, actor, path.vendorId),
  }),
});
