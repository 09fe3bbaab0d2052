import { getPublicProduct } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('GET /products/{id}'), {
  path: z.object({ id: z.string().regex(/^[0-9A-Z]{26}$/) }),
  handle: ({ path }) => getPublicProduct(marketplace(), path.id),
});
