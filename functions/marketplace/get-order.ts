import { getOrderForActor } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('GET /orders/{id}'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  handle: ({ path, actor }) => getOrderForActor(marketplace(), actor, path.id),
});
