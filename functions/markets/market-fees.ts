import { marketFees } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /markets/{marketId}/fees'), {
  path: z.object({ marketId: z.string().min(1).max(40) }),
  query: z.object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
  }),
  handle: ({ actor, path, query }) => marketFees(marketsServices(), actor, path.marketId, query.month),
});
