import { farmerOrdersQuerySchema, listFarmerOrders } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('GET /seller/orders'), {
  query: farmerOrdersQuerySchema,
  handle: async ({ query, actor }) => ({ orders: await listFarmerOrders(marketplace(), actor, query) }),
});
