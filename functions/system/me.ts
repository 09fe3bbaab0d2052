import { getProfile } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { services } from '../shared/services.ts';

export const handler = createHandler(route('GET /me'), {
  handle: ({ actor }) => getProfile({ users: services().users }, actor),
});
