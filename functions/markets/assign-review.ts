import { assignReview, assignReviewInput } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /review-queue/{reviewId}/assign'), {
  path: z.object({ reviewId: z.string().min(1).max(40) }),
  body: assignReviewInput,
  handle: ({ actor, path, body }) => assignReview(marketsServices(), actor, path.reviewId, body),
});
