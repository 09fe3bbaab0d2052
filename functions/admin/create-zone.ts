import { createZone, zoneInput } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { marketPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('POST /admin/markets/{marketId}/zones'), {
  path: marketPath,
  body: zoneInput,
  handle: async ({ actor, path, body }) =>
    reply.created({ zone: await createZone(consoleServices(), actor, path.marketId, body) }),
});
