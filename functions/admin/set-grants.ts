import { setGrants, setGrantsInput } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { personPath } from './paths.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('PUT /admin/people/{userId}/grants'), {
  path: personPath,
  body: setGrantsInput,
  handle: async ({ actor, path, body }) => ({
    person: await setGrants(consoleServices(), actor, path.userId, body),
  }),
});
