import { listRefunds, listRefundsQuery } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { refundServices } from './money-services.ts';

export const handler = createHandler(route('GET /refunds'), {
  query: listRefundsQuery,
  handle: async ({ actor, query }) => ({
    refunds: await listRefunds(refundServices(), actor, query),
  }),
});
