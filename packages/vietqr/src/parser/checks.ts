/** Validation of scanned templates: the field table's rules, then the rules a table row cannot hold. */
import { crc16, crcHex } from '../crc.ts';
import { F, type FieldSpec, type Template } from '../fields.ts';
import { isFeePercentage, readAmount } from '../rules.ts';
import { checkValue } from '../tlv.ts';
import {
  type Context,
  countOf,
  digit,
  endOf,
  has,
  idAt,
  NO_SPANS,
  type Spans,
  scan,
  startOf,
  subPath,
  text,
} from './scan.ts';

/** Table checks for one template: mandatory presence, then format and length of each value. */
export function checkTemplate(ctx: Context, t: Template, sp: Spans, unknownFormat: 'ANS' | 'S'): void {
  for (const spec of t.fields) {
    if (spec.presence === 'M' && !has(sp, spec.num)) {
      ctx.error('FIELD_MISSING', spec.path, { name: spec.name.en });
    }
  }
  for (let k = 0, n = countOf(sp); k < n; k++) {
    const id = idAt(sp, k);
    const spec = t.byId[id];
    const start = startOf(sp, id);
    const end = endOf(sp, id);
    if (spec) {
      checkSpec(ctx, spec, start, end);
    } else if (unknownFormat === 'ANS') {
      for (let i = start; i < end; i++) {
        const c = ctx.s.charCodeAt(i);
        if (c < 0x20 || c > 0x7e) {
          ctx.error('NOT_ASCII', subPath(t.path, id));
          break;
        }
      }
    }
  }
}

export function checkSpec(ctx: Context, spec: FieldSpec, start: number, end: number): void {
  const problem = checkValue(spec, ctx.s, start, end, ctx.chars(start, end));
  if (problem) {
    ctx.error(problem, spec.path, {
      name: spec.name.en,
      length: ctx.chars(start, end),
      max: spec.max,
      min: spec.min,
    });
  }
}

export function nested(ctx: Context, parent: Spans, spec: FieldSpec): Spans {
  const id = spec.num;
  if (!has(parent, id)) return NO_SPANS;
  const sp = scan(ctx, startOf(parent, id), endOf(parent, id), spec.path);
  if (sp !== NO_SPANS && spec.template)
    checkTemplate(ctx, spec.template, sp, spec.format === 'ANS' ? 'ANS' : 'S');
  return sp;
}

/** Reads sub-field 00 (the GUID) of another network's template without reporting anything. */
export function peekGuid(ctx: Context, root: Spans, id: number): string | undefined {
  const start = startOf(root, id);
  const end = endOf(root, id);
  const s = ctx.s;
  if (end - start < 5 || s.charCodeAt(start) !== 48 || s.charCodeAt(start + 1) !== 48) return undefined;
  const len = digit(s, start + 2) * 10 + digit(s, start + 3);
  if (len <= 0 || start + 4 + len > end) return undefined;
  return s.slice(start + 4, start + 4 + len);
}

export function checkCrc(ctx: Context, root: Spans): void {
  const s = ctx.s;
  if (!has(root, 63)) {
    ctx.error('CRC_MISSING', '63');
    return;
  }
  if (endOf(root, 63) !== s.length) {
    ctx.error('CRC_NOT_LAST', '63');
    return;
  }
  const start = startOf(root, 63);
  const written = endOf(root, 63) - start === 4 ? readHex4(s, start) : -1;
  if (written < 0) {
    ctx.error('CRC_FORMAT', '63', { actual: text(ctx, root, 63) });
    return;
  }
  const computed = ctx.crc >= 0 && ctx.crcEnd === start ? ctx.crc : crc16(s, start);
  if (written !== computed) {
    ctx.error('CRC_MISMATCH', '63', { actual: text(ctx, root, 63), expected: crcHex(computed) });
    return;
  }
  for (let i = start; i < start + 4; i++) {
    if (s.charCodeAt(i) >= 97) {
      ctx.warn('CRC_LOWERCASE', '63');
      return;
    }
  }
}

/** Value of four hex digits at `start` (either case), or -1. */
export function readHex4(s: string, start: number): number {
  let value = 0;
  for (let i = start; i < start + 4; i++) {
    const c = s.charCodeAt(i);
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/** When the root itself does not split, a trailing `6304xxxx` still tells whether the bytes are intact. */
export function checkTrailingCrc(ctx: Context): void {
  const s = ctx.s;
  const start = s.length - 4;
  if (start < 4 || !s.startsWith('6304', start - 4)) return;
  const written = s.slice(start);
  const computed = crcHex(crc16(s, start));
  if (written.toUpperCase() !== computed)
    ctx.error('CRC_MISMATCH', '63', { actual: written, expected: computed });
}

export function checkTipAndFee(ctx: Context, root: Spans): void {
  const indicator = text(ctx, root, 55);
  const hasFixed = has(root, 56);
  const hasPercent = has(root, 57);
  if (indicator !== undefined && indicator !== '01' && indicator !== '02' && indicator !== '03') {
    ctx.error('TIP_INDICATOR_INVALID', '55', { actual: indicator });
    return;
  }
  if (indicator === '02' && !hasFixed) ctx.error('FIELD_MISSING', '56', { name: F.feeFixed.name.en });
  if (indicator === '03' && !hasPercent) ctx.error('FIELD_MISSING', '57', { name: F.feePercentage.name.en });
  if (hasFixed && indicator !== '02') ctx.error('TIP_FIELD_CONFLICT', '56', { actual: indicator });
  if (hasPercent && indicator !== '03') ctx.error('TIP_FIELD_CONFLICT', '57', { actual: indicator });
  if (hasFixed && readAmount(ctx.s, startOf(root, 56), endOf(root, 56)) < 0) {
    ctx.error('AMOUNT_INVALID', '56', { actual: text(ctx, root, 56) });
  }
  if (hasPercent && !isFeePercentage(ctx.s, startOf(root, 57), endOf(root, 57))) {
    ctx.error('FEE_PERCENT_INVALID', '57', { actual: text(ctx, root, 57) });
  }
}

/** 65–99 are ANS; 80–99 are meant to be templates with a GUID, but real codes carry plain values. */
export function checkUnreserved(ctx: Context, root: Spans, id: number): void {
  const start = startOf(root, id);
  const end = endOf(root, id);
  for (let i = start; i < end; i++) {
    const c = ctx.s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      ctx.error('NOT_ASCII', subPath('', id));
      return;
    }
  }
  if (id >= 80 && peekGuid(ctx, root, id) === undefined) ctx.warn('UNRESERVED_NOT_TEMPLATE', subPath('', id));
}
