import { confirmRefund, confirmRefundInput } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { moneyServices } from './money-services.ts';

export const handler = createHandler(route('POST /refunds/{refundId}/confirm'), {
  path: z.object({ refundId: z.string().min(1).max(40) }),
  body: confirmRefundInput,
  handle: ({ actor, path, body }) => confirmRefund(moneyServices().refundDeps, actor, path.refundId, body),
});
