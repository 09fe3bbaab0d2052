import { listBuyerOrders } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('GET /orders'), {
  handle: async ({ actor }) => ({ orders: await listBuyerOrders(marketplace(), actor) }),
});
