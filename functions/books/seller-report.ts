import { SELLER_REPORT_COLUMNS, sellerReport, sellerReportQuerySchema, toCsv } from '@chophien/core';
import { createHandler, logger, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { booksServices } from './services.ts';

export const handler = createHandler(route('GET /admin/seller-report'), {
  query: sellerReportQuerySchema.extend({ format: z.enum(['json', 'csv']).default('json') }),
  handle: async ({ actor, query }) => {
    const deps = booksServices();
    const report = await sellerReport({ ...deps, sellers: deps }, actor, query.quarter);
    // The one place single sellers' revenue leaves the platform (by law): who took it is logged.
    logger.info('seller report read', {
      security: true,
      actor: actor.userId,
      quarter: query.quarter,
      rows: report.rows.length,
    });
    if (query.format === 'csv') {
      const csv = toCsv(
        SELLER_REPORT_COLUMNS.map((c) => c.header),
        report.rows.map((row) => SELLER_REPORT_COLUMNS.map((c) => row[c.key])),
      );
      return reply.text(`\uFEFF${csv}`, 'text/csv; charset=utf-8', 200, {
        'content-disposition': `attachment; filename="bao-cao-nguoi-ban-${query.quarter}.csv"`,
        'cache-control': 'private, no-store',
      });
    }
    return report;
  },
});
