import { reconcileInput, reconcileStall } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('POST /stalls/{stallId}/reconciliation'), {
  path: z.object({ stallId: z.string().min(1).max(40) }),
  body: reconcileInput.extend({ from: z.iso.date().optional(), to: z.iso.date().optional() }),
  handle: ({ actor, path, body }) => reconcileStall(marketsServices().store, actor, path.stallId, body),
});
