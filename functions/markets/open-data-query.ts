import { vietnamDay } from '@chophien/core';
import * as z from 'zod';

/** `?from=&to=` (Vietnamese days); default the last 7 days up to today. */
export const openDataQuery = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .transform((query) => {
    const to = query.to ?? vietnamDay(new Date());
    const from =
      query.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    return { from, to };
  });

/** Aggregates change at most once per payment; a portal may cache for five minutes. */
export const OPEN_DATA_HEADERS = {
  'cache-control': 'public, max-age=300',
  'access-control-allow-origin': '*',
};
