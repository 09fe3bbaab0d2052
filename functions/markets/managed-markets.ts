import { listManagedMarkets } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /markets'), {
  handle: async ({ actor }) => ({ markets: await listManagedMarkets(marketsServices().store, actor) }),
});
