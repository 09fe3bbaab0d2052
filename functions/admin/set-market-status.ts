import { marketStatusInput, setMarketStatus } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('POST /admin/markets/{marketId}/status'), {
  path: marketPath,
  body: marketStatusInput,
  handle: async ({ actor, path, body }) => ({
    market: await setMarketStatus(consoleServices(), actor, path.marketId, body),
  }),
});
