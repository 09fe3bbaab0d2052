import { setPersonStatus, setStatusInput } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { personPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('POST /admin/people/{userId}/status'), {
  path: personPath,
  body: setStatusInput,
  handle: async ({ actor, path, body }) => ({
    person: await setPersonStatus(consoleServices(), actor, path.userId, body),
  }),
});
