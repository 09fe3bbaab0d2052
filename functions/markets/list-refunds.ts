import { listRefunds, listRefundsQuery } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { moneyServices } from './money-services.ts';

export const handler = createHandler(route('GET /refunds'), {
  query: listRefundsQuery,
  handle: async ({ actor, query }) => ({
    refunds: await listRefunds(moneyServices().refundDeps, actor, query),
  }),
});
