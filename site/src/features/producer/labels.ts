import {
  type Actor,
  type LabelSize,
  labelFileName,
  labelSheetSvg,
  labelSheets,
  lotLabelSheet,
  MAX_LABELS,
} from '@chophien/core';
import * as z from 'zod';
import type { Lang } from '../../i18n/index.ts';
import { producerDeps } from './services.ts';

/** Formats core's label use-case produces; the first is the one the lot page preselects. */
export const labelFormats = ['pdf', 'svg'] as const;
export type LabelFormat = (typeof labelFormats)[number];

const sizes = Object.keys(labelSheets) as [LabelSize, ...LabelSize[]];

/** Sizes as a printer shop names them ("Giấy decal A4 65 tem 38×21,2 mm"), plain A4 sizes by their mm. */
export const labelSizeOptions = (lang: Lang) =>
  sizes.map((size) => {
    const sheet = labelSheets[size] as { vi?: string; en?: string };
    const named = lang === 'en' ? sheet.en : sheet.vi;
    return { value: size, label: named ?? `A4, ${size.replace('x', ' × ')} mm` };
  });

/** Set on the lot page by a refused label download: the copies value that was typed (shown back with the error). */
export const LABEL_ERROR_PARAM = 'so-tem-loi';

/** The same query the API's `GET /trace/lots/{lotId}/labels` accepts. */
export const labelQuerySchema = z.object({
  size: z.enum(sizes).default('50x30'),
  serials: z.enum(['true', 'false']).default('false'),
  copies: z.coerce.number().int().min(1).max(MAX_LABELS).default(10),
  format: z.enum(labelFormats).default('svg'),
});

export interface LabelFile {
  readonly body: string | Uint8Array<ArrayBuffer>;
  readonly contentType: string;
  readonly filename: string;
}

/** The label sheet as a file, through core's label use-cases (which check the owner/officer rule). */
export async function labelFile(
  actor: Actor,
  lotId: string,
  query: z.output<typeof labelQuerySchema>,
): Promise<LabelFile> {
  const deps = producerDeps();
  const options = { size: query.size, serials: query.serials === 'true', copies: query.copies };
  if (query.format === 'pdf') {
    // Loaded only for PDFs, as the API does: pdf-lib and the font stay out of every other page.
    const { lotLabelsPdf } = await import('@chophien/core/trace/label-pdf');
    const { pdf, sheet } = await lotLabelsPdf(deps, actor, lotId, options);
    return {
      body: new Uint8Array(pdf),
      contentType: 'application/pdf',
      filename: labelFileName(sheet, 'pdf'),
    };
  }
  const sheet = await lotLabelSheet(deps, actor, lotId, options);
  return {
    body: labelSheetSvg(sheet.lot, sheet.farm, sheet.items, options.size),
    contentType: 'image/svg+xml; charset=utf-8',
    filename: labelFileName(sheet, 'svg'),
  };
}
