import { listMyStalls } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /vendor/stalls'), {
  handle: async ({ actor }) => ({ stalls: await listMyStalls(marketsServices().store, actor) }),
});
