import { adjustListingStock, stockAdjustmentSchema } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('POST /listings/{id}/stock'), {
  path: z.object({ id: z.string().min(1).max(40) }),
  body: stockAdjustmentSchema,
  handle: ({ path, body, actor }) => adjustListingStock(marketplace(), actor, path.id, body),
});
