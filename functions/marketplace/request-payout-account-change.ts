import { requestAccountChangeInput, requestPayoutAccountChange } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { marketsServices } from '../markets/services.ts';
import { route } from '../routes.ts';

/** Same body, code and audit as a vendor's account change (the markets area's adapters send the code). */
export const handler = createHandler(route('POST /seller/payout-account/changes'), {
  body: requestAccountChangeInput,
  handle: async ({ actor, body, client }) =>
    reply.created(await requestPayoutAccountChange(marketsServices(), actor, body, client)),
});
