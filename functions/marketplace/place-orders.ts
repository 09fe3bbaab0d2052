import { checkoutInputSchema, placeOrders } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('POST /orders'), {
  body: checkoutInputSchema,
  handle: async ({ body, actor }) => {
    const result = await placeOrders(marketplace(), actor, body);
    const { alertStockAfterOrders } = await import('../alerts/wiring.ts');
    await alertStockAfterOrders(result);
    return reply.created(result);
  },
});
