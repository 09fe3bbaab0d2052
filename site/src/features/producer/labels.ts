import { type Actor, type LabelSize, labelSizes, lotLabels, MAX_LABELS } from '@chophien/core';
import { z } from 'zod';
import { producerDeps } from './services.ts';

/** Formats the label use-case can produce; the first is the default offered on the lot page. */
export const labelFormats = (): readonly ('svg' | 'pdf')[] => ['svg'];

const sizes = Object.keys(labelSizes) as [LabelSize, ...LabelSize[]];

/** The same query the API's `GET /trace/lots/{lotId}/labels` accepts, plus the format. */
export const labelQuerySchema = z.object({
  size: z.enum(sizes).default('50x30'),
  serials: z.enum(['true', 'false']).default('false'),
  copies: z.coerce.number().int().min(1).max(MAX_LABELS).default(10),
  format: z.enum(['svg', 'pdf']).default('svg'),
});

export interface LabelFile {
  readonly body: string | Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  readonly filename: string;
}

/** The label sheet as a file, through core's label use-case (which checks the owner/officer rule). */
export async function labelFile(
  actor: Actor,
  lotId: string,
  query: z.output<typeof labelQuerySchema>,
): Promise<LabelFile> {
  const deps = producerDeps();
  const options = { size: query.size, serials: query.serials === 'true', copies: query.copies };
  const svg = await lotLabels(deps, actor, lotId, options);
  const lot = await deps.trace.getLot(lotId);
  const name = `tem-${(lot?.lotCode ?? lotId).replace(/[^A-Za-z0-9._-]/g, '_')}`;
  return { body: svg, contentType: 'image/svg+xml; charset=utf-8', filename: `${name}.svg` };
}
