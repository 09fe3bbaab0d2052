import { listConsoleMarkets } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('GET /admin/markets'), {
  handle: async ({ actor }) => ({ markets: await listConsoleMarkets(consoleServices(), actor) }),
});
