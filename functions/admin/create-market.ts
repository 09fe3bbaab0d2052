import { createMarket, marketInput } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('POST /admin/markets'), {
  body: marketInput,
  handle: async ({ actor, body }) =>
    reply.created({ market: await createMarket(consoleServices(), actor, body) }),
});
