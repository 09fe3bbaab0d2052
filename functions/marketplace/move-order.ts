import { moveOrder, orderMoveSchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('POST /orders/{id}/status'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: orderMoveSchema,
  handle: ({ path, body, actor }) => moveOrder(marketplace(), actor, path.id, body),
});
