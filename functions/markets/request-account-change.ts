import { requestAccountChange, requestAccountChangeInput } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /vendor/payment-account/changes'), {
  body: requestAccountChangeInput,
  handle: async ({ actor, body, client }) =>
    reply.created(await requestAccountChange(marketsServices(), actor, body, 'vendor', client)),
});
