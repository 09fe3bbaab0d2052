import { underpaidSalesOfDay } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /vendor/sales/underpaid'), {
  handle: async ({ actor }) => ({ sales: await underpaidSalesOfDay(marketsServices(), actor) }),
});
