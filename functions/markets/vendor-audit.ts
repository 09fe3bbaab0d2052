import { createHandler } from '@chophien/http';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /vendor/audit'), {
  handle: async ({ actor }) => ({ entries: await marketsServices().store.listAudit(actor.userId) }),
});
