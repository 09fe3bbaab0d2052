import { OPEN_DATA_COLUMNS, OPEN_DATA_LICENCE, openMarketData, toCsv } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { OPEN_DATA_HEADERS, openDataQuery } from './open-data-query.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /open-data/markets.csv'), {
  query: openDataQuery,
  handle: async ({ query }) => {
    const rows = await openMarketData(marketsServices(), query.from, query.to);
    const csv = toCsv(
      OPEN_DATA_COLUMNS,
      rows.map((row) => OPEN_DATA_COLUMNS.map((column) => row[column])),
    );
    return reply.text(csv, 'text/csv; charset=utf-8', 200, {
      ...OPEN_DATA_HEADERS,
      link: `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
    });
  },
});
