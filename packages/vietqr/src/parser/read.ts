/** Turning validated spans into result objects: substrings are cut only here. */
import type { Template } from '../fields.ts';
import { readAmount } from '../rules.ts';
import type { AdditionalData, TipOrFee } from '../types.ts';
import { type Context, countOf, endOf, idAt, NO_SPANS, type Spans, startOf, subPath, text } from './scan.ts';

export function readTipOrFee(ctx: Context, root: Spans): TipOrFee | undefined {
  const indicator = text(ctx, root, 55);
  if (indicator === '01') return { indicator: 'prompt' };
  if (indicator === '02')
    return { indicator: 'fixed', fixed: readAmount(ctx.s, startOf(root, 56), endOf(root, 56)) };
  if (indicator === '03') return { indicator: 'percentage', percentage: text(ctx, root, 57)! };
  return undefined;
}

export function readTemplateFields(
  ctx: Context,
  t: Template,
  sp: Spans,
  target: Record<string, string>,
  unknown: Record<string, string>,
): void {
  if (sp === NO_SPANS) return;
  for (let k = 0, n = countOf(sp); k < n; k++) {
    const id = idAt(sp, k);
    const spec = t.byId[id];
    const value = ctx.s.slice(startOf(sp, id), endOf(sp, id));
    if (spec && !spec.template) target[spec.key] = value;
    else if (!spec) unknown[subPath(t.path, id)] = value;
  }
}

/** 62 into a fixed-shape object; named stores keep it one hidden class (see fields.ts). */
export function readAdditional(ctx: Context, sp: Spans, unknown: Record<string, string>): AdditionalData {
  const out: AdditionalData = {
    billNumber: undefined,
    mobileNumber: undefined,
    storeLabel: undefined,
    loyaltyNumber: undefined,
    referenceLabel: undefined,
    customerLabel: undefined,
    terminalLabel: undefined,
    purpose: undefined,
    consumerDataRequest: undefined,
  };
  if (sp === NO_SPANS) return out;
  for (let k = 0, n = countOf(sp); k < n; k++) {
    const id = idAt(sp, k);
    const value = ctx.s.slice(startOf(sp, id), endOf(sp, id));
    switch (id) {
      case 1:
        out.billNumber = value;
        break;
      case 2:
        out.mobileNumber = value;
        break;
      case 3:
        out.storeLabel = value;
        break;
      case 4:
        out.loyaltyNumber = value;
        break;
      case 5:
        out.referenceLabel = value;
        break;
      case 6:
        out.customerLabel = value;
        break;
      case 7:
        out.terminalLabel = value;
        break;
      case 8:
        out.purpose = value;
        break;
      case 9:
        out.consumerDataRequest = value;
        break;
      default:
        unknown[subPath('62', id)] = value;
    }
  }
  return out;
}

/** Keeps sub-fields the table does not know, by path, so nothing in a payload is silently lost. */
export function collectUnknown(ctx: Context, t: Template, sp: Spans, unknown: Record<string, string>): void {
  for (let k = 0, n = countOf(sp); k < n; k++) {
    const id = idAt(sp, k);
    if (!t.byId[id]) unknown[subPath(t.path, id)] = ctx.s.slice(startOf(sp, id), endOf(sp, id));
  }
}
