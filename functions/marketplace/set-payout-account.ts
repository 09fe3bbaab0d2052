import { payoutAccountInputSchema, setPayoutAccount } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketplace } from './services.ts';

export const handler = createHandler(route('PUT /seller/payout-account'), {
  body: payoutAccountInputSchema,
  handle: ({ body, actor }) => setPayoutAccount(marketplace(), actor, body),
});
