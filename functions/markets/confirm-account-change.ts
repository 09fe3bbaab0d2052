import { confirmAccountChange, confirmAccountChangeInput } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /vendor/payment-account/changes/{changeId}/confirm'), {
  path: z.object({ changeId: z.string().min(1).max(40) }),
  body: confirmAccountChangeInput,
  handle: ({ actor, path, body }) => confirmAccountChange(marketsServices(), actor, path.changeId, body),
});
