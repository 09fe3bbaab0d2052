import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { enc, resolve, resolverQuery } from './resolver.ts';

const pathSchema = z.object({
  lot: z.string().min(1).max(100),
  serial: z.string().min(1).max(100),
});

export const handler = createHandler(route('GET /l/{lot}/s/{serial}'), {
  path: pathSchema,
  query: resolverQuery,
  handle: ({ path, query, event }) => resolve(event, `/l/${enc(path.lot)}/s/${enc(path.serial)}`, query),
});
