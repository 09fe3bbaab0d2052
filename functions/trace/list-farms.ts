import { listMyFarms } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

export const handler = createHandler(route('GET /trace/farms'), {
  handle: async ({ actor }) => ({ farms: await listMyFarms(traceServices(), actor) }),
});
