import { labelSizes, lotLabels, MAX_LABELS } from '@chophien/core';
import { createHandler, reply } from '@chophien/http';
import { z } from 'zod';
import { route } from '../routes.ts';
import { traceServices } from './services.ts';

const sizes = Object.keys(labelSizes) as [keyof typeof labelSizes, ...(keyof typeof labelSizes)[]];

export const handler = createHandler(route('GET /trace/lots/{lotId}/labels'), {
  path: z.object({ lotId: z.string().min(1).max(40) }),
  query: z.object({
    size: z.enum(sizes).default('50x30'),
    serials: z.enum(['true', 'false']).default('false'),
    copies: z.coerce.number().int().min(1).max(MAX_LABELS).default(10),
  }),
  handle: async ({ path, query, actor }) => {
    const svg = await lotLabels(traceServices(), actor, path.lotId, {
      size: query.size,
      serials: query.serials === 'true',
      copies: query.copies,
    });
    return reply.text(svg, 'image/svg+xml; charset=utf-8', 200, {
      'content-disposition': `inline; filename="tem-${path.lotId}.svg"`,
    });
  },
});
