import { saleBalanceQr } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /sales/{saleCode}/balance'), {
  path: z.object({ saleCode: z.string().regex(/^[0-9A-Za-z]{8}$/) }),
  handle: ({ actor, path }) => saleBalanceQr(marketsServices(), actor, path.saleCode),
});
