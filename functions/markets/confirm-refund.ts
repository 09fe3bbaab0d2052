import { confirmRefund, confirmRefundInput } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { refundServices } from './money-services.ts';

export const handler = createHandler(route('POST /refunds/{refundId}/confirm'), {
  path: z.object({ refundId: z.string().min(1).max(40) }),
  body: confirmRefundInput,
  handle: ({ actor, path, body }) => confirmRefund(refundServices(), actor, path.refundId, body),
});
