import type { Actor } from '../identity/user.ts';
import { serialToken } from './authenticity.ts';
import type { Farm } from './farm.ts';
import { type LabelItem, type LabelSize, labelSheetSvg } from './labels.ts';
import { printedUri } from './links.ts';
import type { Lot } from './lot.ts';
import { codeOfLot, writableLot } from './lot-use-cases.ts';
import type { TraceDeps } from './ports.ts';

export const MAX_LABELS = 500;

export type LabelFormat = 'svg' | 'pdf';

export interface LabelOptions {
  readonly size: LabelSize;
  readonly serials: boolean;
  readonly copies: number;
}

/** What a sheet shows: the lot, its farm, and one item (URI and serial) per label. */
export interface LabelSheet {
  readonly lot: Lot;
  readonly farm: Farm;
  readonly items: readonly LabelItem[];
  readonly options: LabelOptions;
}

/**
 * The labels of a lot: `copies` identical lot-level labels, or one label per serial already issued
 * (the scratch PIN is printed separately under its scratch layer, never on the sheet).
 */
export async function lotLabelSheet(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'config'>,
  actor: Actor,
  lotId: string,
  options: LabelOptions,
): Promise<LabelSheet> {
  const { lot, farm } = await writableLot(deps, actor, lotId);
  let items: LabelItem[];
  if (options.serials) {
    const serials = await deps.trace.listSerials(lotId, MAX_LABELS);
    items = serials.map(({ serial }) => {
      const code = codeOfLot(lot, serial);
      return {
        serial,
        uri: printedUri(code, deps.config.resolverUrl, serialToken(deps.config.signingSecret, code)),
      };
    });
  } else {
    const uri = printedUri(codeOfLot(lot), deps.config.resolverUrl);
    items = Array.from({ length: Math.min(options.copies, MAX_LABELS) }, () => ({ uri }));
  }
  return { lot, farm, items, options };
}

/** The printable SVG sheet for a lot (the PDF lives in label-pdf.ts, so this path never loads pdf-lib). */
export async function lotLabels(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'config'>,
  actor: Actor,
  lotId: string,
  options: LabelOptions,
): Promise<string> {
  const sheet = await lotLabelSheet(deps, actor, lotId, options);
  return labelSheetSvg(sheet.lot, sheet.farm, sheet.items, options.size);
}

/** Download name: "tem-<lot code>[-seri]-<size>.<format>", ASCII only (lot codes are CSET 82 already). */
export function labelFileName(sheet: Pick<LabelSheet, 'lot' | 'options'>, format: LabelFormat): string {
  const lot = sheet.lot.lotCode.replace(/[^A-Za-z0-9._-]/g, '_');
  return `tem-${lot}${sheet.options.serials ? '-seri' : ''}-${sheet.options.size}.${format}`;
}
