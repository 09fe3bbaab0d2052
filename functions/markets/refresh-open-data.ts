import { openDataDays, refreshOpenData } from '@chophien/core';
import { createHandler } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { marketsServices } from './services.ts';

/** Scheduled (every 10 minutes): today's and yesterday's market days, pre-computed for open data. */
export const scheduledHandler = () => refreshOpenData(marketsServices());

/** On demand (admin): the same, or a backfill of up to 31 days. */
export const handler = createHandler(route('POST /admin/open-data/refresh'), {
  body: z.strictObject({ from: z.iso.date(), to: z.iso.date() }).optional(),
  handle: ({ body }) =>
    refreshOpenData(marketsServices(), body ? openDataDays(body.from, body.to) : undefined),
});
