import { inviteInput, invitePerson } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('POST /admin/people/invitations'), {
  body: inviteInput,
  handle: async ({ actor, body }) => {
    const result = await invitePerson(consoleServices(), actor, body);
    return reply.json(result, result.created ? 201 : 200);
  },
});
