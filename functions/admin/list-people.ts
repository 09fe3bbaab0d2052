import { listPeople, listPeopleQuery } from '@chophien/core';
import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { consoleServices } from './services.ts';

export const handler = createHandler(route('GET /admin/people'), {
  query: listPeopleQuery,
  handle: ({ actor, query }) => listPeople(consoleServices(), actor, query),
});
