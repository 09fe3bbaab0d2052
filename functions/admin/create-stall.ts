import { createStall, stallInput } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { marketPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('POST /admin/markets/{marketId}/stalls'), {
  path: marketPath,
  body: stallInput,
  handle: async ({ actor, path, body }) =>
    reply.created({ stall: await createStall(consoleServices(), actor, path.marketId, body) }),
});
