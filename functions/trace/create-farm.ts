import { createFarmInputSchema, registerFarm } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('POST /trace/farms'), {
  body: createFarmInputSchema,
  handle: async ({ body, actor }) => reply.created(await registerFarm(traceServices(), actor, body)),
});
