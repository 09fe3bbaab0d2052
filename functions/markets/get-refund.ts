import { getRefundForActor } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { refundServices } from './money-services.ts';

export const handler = createHandler(route('GET /refunds/{refundId}'), {
  path: z.object({ refundId: z.string().min(1).max(40) }),
  handle: ({ actor, path }) => getRefundForActor(refundServices(), actor, path.refundId),
});
