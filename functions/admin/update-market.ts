import { marketEdit, updateMarket } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('PATCH /admin/markets/{marketId}'), {
  path: marketPath,
  body: marketEdit,
  handle: async ({ actor, path, body }) => ({
    market: await updateMarket(consoleServices(), actor, path.marketId, body),
  }),
});
