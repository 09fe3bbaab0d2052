import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { enc, resolve, resolverQuery } from './resolver.ts';

const pathSchema = z.object({
  gtin: z.string().min(1).max(100),
  lot: z.string().min(1).max(100),
});

export const handler = createHandler(route('GET /01/{gtin}/10/{lot}'), {
  path: pathSchema,
  query: resolverQuery,
  handle: ({ path, query, event }) => resolve(event, `/01/${enc(path.gtin)}/10/${enc(path.lot)}`, query),
});
