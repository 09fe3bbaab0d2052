import { marketDayCsv } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /markets/{marketId}/days/{day}/ledger.csv'), {
  path: z.object({ marketId: z.string().min(1).max(40), day: z.iso.date() }),
  // Vietnamese headers by default; `?lang=en` for English ones.
  query: z.object({ lang: z.enum(['vi', 'en']).default('vi') }),
  handle: async ({ actor, path, query }) =>
    reply.text(
      await marketDayCsv(marketsServices().store, actor, path.marketId, path.day, query.lang),
      'text/csv; charset=utf-8',
      200,
      {
        'content-disposition': `attachment; filename="cho-${path.day}.csv"`,
      },
    ),
});
