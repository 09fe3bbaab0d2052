import { issueTillTicket } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /vendor/till-tickets'), {
  handle: async ({ actor }) =>
    reply.json(await issueTillTicket(marketsServices(), actor), 201, { 'cache-control': 'no-store' }),
});
