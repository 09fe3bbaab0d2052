import { OPEN_DATA_LICENCE, openMarketData } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { route } from '../routes.ts';
import { OPEN_DATA_HEADERS, openDataQuery } from './open-data-query.ts';
import { marketsServices } from './services.ts';

export const handler = createHandler(route('GET /open-data/markets.json'), {
  query: openDataQuery,
  handle: async ({ query }) =>
    reply.json(
      {
        title: {
          vi: 'Thanh toán không dùng tiền mặt tại chợ 4.0, theo chợ và ngày',
          en: 'Cashless payments in 4.0 markets, per market and day',
        },
        licence: OPEN_DATA_LICENCE,
        from: query.from,
        to: query.to,
        timezone: 'Asia/Ho_Chi_Minh',
        rows: await openMarketData(marketsServices(), query.from, query.to),
      },
      200,
      OPEN_DATA_HEADERS,
    ),
});
