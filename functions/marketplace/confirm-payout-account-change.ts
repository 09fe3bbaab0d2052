import { confirmAccountChangeInput, confirmPayoutAccountChange } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { marketsServices } from '../markets/services.ts';
import { route } from '../routes.ts';

export const handler = createHandler(route('POST /seller/payout-account/changes/{changeId}/confirm'), {
  path: z.object({ changeId: z.string().min(1).max(40) }),
  body: confirmAccountChangeInput,
  handle: ({ actor, path, body }) =>
    confirmPayoutAccountChange(marketsServices(), actor, path.changeId, body),
});
