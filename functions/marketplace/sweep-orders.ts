import { sweepExpiredOrders } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

/** On demand (admin); on AWS the same use-case runs on a schedule via ./sweeper.ts. */
export const handler = createHandler(route('POST /admin/orders/sweep'), {
  handle: () => sweepExpiredOrders(marketplace()),
});
