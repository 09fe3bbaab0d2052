import type { HttpEvent, HttpResult } from '@chophien/http';
import { reply } from '@chophien/http';
import type { Context } from 'aws-lambda';
import { handler as bankAccounts } from './bank-accounts.ts';
import { handler as marketTakings } from './market-takings.ts';
import { handler as provinceTakings } from './province-takings.ts';
import { handler as revenue } from './revenue.ts';
import { handler as salesBook } from './sales-book.ts';
import { handler as sellerReport } from './seller-report.ts';

type Handler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** Every books route, one function: each route keeps its own handler (schema, use-case), chosen by route key. */
export const byRoute: Readonly<Record<string, Handler>> = {
  'GET /books/sales': salesBook,
  'GET /books/revenue': revenue,
  'GET /books/bank-accounts': bankAccounts,
  'GET /markets/{marketId}/takings': marketTakings,
  'GET /province/takings': provinceTakings,
  'GET /admin/seller-report': sellerReport,
};

export const handler: Handler = async (event, context) => {
  const route = byRoute[event.routeKey];
  if (route) return route(event, context);
  const missing = reply.json({ error: { code: 'not_found', message: 'Không tìm thấy / Not found' } }, 404);
  return {
    statusCode: missing.statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(missing.body),
  };
};
