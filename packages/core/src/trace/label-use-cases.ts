import type { Actor } from '../identity/user.ts';
import { serialToken } from './authenticity.ts';
import { type LabelItem, type LabelSize, labelSheetSvg } from './labels.ts';
import { printedUri } from './links.ts';
import { codeOfLot, writableLot } from './lot-use-cases.ts';
import type { TraceDeps } from './ports.ts';

export const MAX_LABELS = 500;

/**
 * The printable sheet for a lot: `copies` identical lot-level labels, or one label per serial already issuedSerial
 * (the scratch PIN is printed separately under its scratch layer, never on the sheet).
 */
export async function lotLabels(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'config'>,
  actor: Actor,
  lotId: string,
  options: { size: LabelSize; serials: boolean; copies: number },
): Promise<string> {
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
  return labelSheetSvg(lot, farm, items, options.size);
}
