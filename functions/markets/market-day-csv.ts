import { marketDayCsv } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /markets/{marketId}/days/{day}/ledger.csv'), {
  path: z.object({ marketId: z.string().min(1).max(40), day: z.iso.date() }),
  handle: async ({ actor, path }) =>
    reply.text(
      await marketDayCsv(marketsServices().store, actor, path.marketId, path.day),
      'text/csv; charset=utf-8',
      200,
      {
        'content-disposition': `attachment; filename="cho-${path.day}.csv"`,
      },
    ),
});
