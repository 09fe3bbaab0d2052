import { getPerson } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { personPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('GET /admin/people/{userId}'), {
  path: personPath,
  handle: async ({ actor, path }) => ({ person: await getPerson(consoleServices(), actor, path.userId) }),
});
