import { rejectReview } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /review-queue/{reviewId}/refund'), {
  path: z.object({ reviewId: z.string().min(1).max(40) }),
  handle: async ({ actor, path }) =>
    reply.created(await rejectReview(marketsServices(), actor, path.reviewId)),
});
