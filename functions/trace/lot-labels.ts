import { labelFileName, labelSheetSvg, labelSheets, lotLabelSheet, MAX_LABELS } from '@chophien/core';
import { createHandler, type HttpEvent, header, reply } from '@chophien/http';
import * as z from 'zod';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

const sizes = Object.keys(labelSheets) as [keyof typeof labelSheets, ...(keyof typeof labelSheets)[]];

/** `?format=` decides; without it, an Accept that names PDF (and not SVG) gets the PDF. */
function wantsPdf(event: HttpEvent, format: 'pdf' | 'svg' | undefined): boolean {
  if (format) return format === 'pdf';
  const accept = (header(event, 'accept') ?? '').toLowerCase();
  return accept.includes('application/pdf') && !accept.includes('image/svg+xml');
}

export const handler = createHandler(route('GET /trace/lots/{lotId}/labels'), {
  path: z.object({ lotId: z.string().min(1).max(40) }),
  query: z.object({
    size: z.enum(sizes).default('50x30'),
    serials: z.enum(['true', 'false']).default('false'),
    copies: z.coerce.number().int().min(1).max(MAX_LABELS).default(10),
    format: z.enum(['pdf', 'svg']).optional(),
  }),
  handle: async ({ path, query, actor, event }) => {
    const options = { size: query.size, serials: query.serials === 'true', copies: query.copies };
    if (wantsPdf(event, query.format)) {
      // Loaded only for PDFs: pdf-lib, fontkit and the font stay out of the SVG path's cold start.
      const { lotLabelsPdf } = await import('@chophien/core/trace/label-pdf');
      const { pdf, sheet } = await lotLabelsPdf(traceServices(), actor, path.lotId, options);
      return reply.binary(pdf, 'application/pdf', {
        'content-disposition': `attachment; filename="${labelFileName(sheet, 'pdf')}"`,
        'cache-control': 'private, no-store',
      });
    }
    const sheet = await lotLabelSheet(traceServices(), actor, path.lotId, options);
    return reply.text(
      labelSheetSvg(sheet.lot, sheet.farm, sheet.items, options.size),
      'image/svg+xml; charset=utf-8',
      200,
      {
        'content-disposition': `inline; filename="${labelFileName(sheet, 'svg')}"`,
        'cache-control': 'private, no-store',
      },
    );
  },
});
