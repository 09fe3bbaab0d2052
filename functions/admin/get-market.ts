import { consoleMarket } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('GET /admin/markets/{marketId}'), {
  path: marketPath,
  handle: ({ actor, path }) => consoleMarket(consoleServices(), actor, path.marketId),
});
