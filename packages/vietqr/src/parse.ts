/**
 * `parseVietQR`: one pass over the payload with index arithmetic. Each template is scanned once
 * into a span table (value start/end per ID); values are validated in place and only the ones
 * returned to the caller are cut out as substrings. Never throws.
 */
import { bankByBin, publicBank } from './banks.ts';
import { crc16, crc16Ascii, crcHex } from './crc.ts';
import {
  errorIssue,
  type IssueFacts,
  type VietQRErrorCode,
  type VietQRIssue,
  type VietQRWarning,
  type VietQRWarningCode,
  warningIssue,
} from './errors.ts';
import {
  COUNTRY_VN,
  CURRENCY_VND,
  F,
  type FieldSpec,
  KNOWN_SERVICE_CODES,
  NAPAS_GUID,
  NAPAS247_LIMIT_VND,
  OTHER_NETWORK_GUIDS,
  ROOT,
  type Template,
} from './fields.ts';
import { isFeePercentage, readAmount } from './rules.ts';
import { advanceChars, charLength, checkValue } from './tlv.ts';
import type { AdditionalData, ParseResult, TipOrFee, VietQRData } from './types.ts';

/**
 * Where each ID's value sits in one template, as an offset (`Spans`) into module-level scratch
 * arrays rather than fresh objects: allocation dominated the profile, and parsing is synchronous,
 * so one parse never overlaps another. A slot is present when its stamp equals the parse's
 * generation, which spares clearing the arrays between parses.
 */
type Spans = number;
const NO_SPANS = -1;

const MAX_TEMPLATES = 8;
const stamps = new Uint32Array(100 * MAX_TEMPLATES);
const starts = new Int32Array(100 * MAX_TEMPLATES);
const ends = new Int32Array(100 * MAX_TEMPLATES);
/** IDs of each template in order of appearance; the count sits in `counts`. */
const order = new Uint8Array(100 * MAX_TEMPLATES);
const counts = new Uint8Array(MAX_TEMPLATES);
let generation = 0;

class Context {
  readonly errors: VietQRIssue[] = [];
  readonly warnings: VietQRWarning[] = [];
  templates = 0;
  readonly generation: number;
  constructor(
    readonly s: string,
    /** Astral characters present: lengths can no longer be read as UTF-16 offsets. */
    readonly astral: boolean,
    /** CRC of `s[0, crcEnd)` when already computed during the ASCII pre-scan, else -1. */
    readonly crc: number,
    readonly crcEnd: number,
  ) {
    generation = generation === 0xffffffff ? 1 : generation + 1;
    this.generation = generation;
    currentGeneration = generation;
  }

  error(code: VietQRErrorCode, path: string, facts?: IssueFacts): void {
    this.errors.push(errorIssue(code, path, facts));
  }

  warn(code: VietQRWarningCode, path: string, facts?: IssueFacts): void {
    this.warnings.push(warningIssue(code, path, facts));
  }

  end(offset: number, chars: number, limit: number): number {
    return this.astral
      ? advanceChars(this.s, offset, chars, limit)
      : offset + chars > limit
        ? -1
        : offset + chars;
  }

  chars(start: number, end: number): number {
    return this.astral ? charLength(this.s, start, end) : end - start;
  }
}

const subPath = (parent: string, id: number): string =>
  (parent ? `${parent}.` : '') + (id < 10 ? `0${id}` : id);

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Splits `s[start, end)` into ID-length-value objects. On a broken structure it reports one
 * error and returns undefined: nothing after a bad length can be trusted.
 */
function scan(ctx: Context, start: number, end: number, path: string): Spans {
  if (ctx.templates === MAX_TEMPLATES) {
    ctx.error('TEMPLATE_MALFORMED', path, { position: start });
    return NO_SPANS;
  }
  const s = ctx.s;
  const template = ctx.templates++;
  const base = 100 * template;
  const gen = ctx.generation;
  let count = 0;
  let p = start;
  while (p < end) {
    const d0 = digit(s, p);
    const d1 = digit(s, p + 1);
    const d2 = digit(s, p + 2);
    const d3 = digit(s, p + 3);
    if (end - p < 4 || d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0) {
      if (path) ctx.error('TEMPLATE_MALFORMED', path, { position: p });
      else ctx.error('TLV_MALFORMED', path, { position: p });
      return NO_SPANS;
    }
    const id = d0 * 10 + d1;
    const len = d2 * 10 + d3;
    if (len === 0) {
      ctx.error('LENGTH_INVALID', subPath(path, id), { actual: '00' });
      return NO_SPANS;
    }
    const valueStart = p + 4;
    const valueEnd = ctx.end(valueStart, len, end);
    if (valueEnd < 0) {
      ctx.error('LENGTH_OVERRUN', subPath(path, id), { length: len, max: ctx.chars(valueStart, end) });
      return NO_SPANS;
    }
    const slot = base + id;
    if (stamps[slot] === gen) {
      ctx.error('DUPLICATE_FIELD', subPath(path, id));
    } else {
      stamps[slot] = gen;
      starts[slot] = valueStart;
      ends[slot] = valueEnd;
      order[base + count++] = id;
    }
    p = valueEnd;
  }
  counts[template] = count;
  return base;
}

let currentGeneration = 0;
const has = (sp: Spans, id: number): boolean => sp !== NO_SPANS && stamps[sp + id] === currentGeneration;
const startOf = (sp: Spans, id: number): number => starts[sp + id]!;
const endOf = (sp: Spans, id: number): number => ends[sp + id]!;
const countOf = (sp: Spans): number => counts[(sp / 100) | 0]!;
const idAt = (sp: Spans, k: number): number => order[sp + k]!;

function text(ctx: Context, sp: Spans, id: number): string | undefined {
  return has(sp, id) ? ctx.s.slice(startOf(sp, id), endOf(sp, id)) : undefined;
}

function equals(ctx: Context, sp: Spans, id: number, expected: string): boolean {
  const start = startOf(sp, id);
  if (endOf(sp, id) - start !== expected.length) return false;
  return ctx.s.startsWith(expected, start);
}

/** Table checks for one template: mandatory presence, then format and length of each value. */
function checkTemplate(ctx: Context, t: Template, sp: Spans, unknownFormat: 'ANS' | 'S'): void {
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

function checkSpec(ctx: Context, spec: FieldSpec, start: number, end: number): void {
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

function nested(ctx: Context, parent: Spans, spec: FieldSpec): Spans {
  const id = spec.num;
  if (!has(parent, id)) return NO_SPANS;
  const sp = scan(ctx, startOf(parent, id), endOf(parent, id), spec.path);
  if (sp !== NO_SPANS && spec.template)
    checkTemplate(ctx, spec.template, sp, spec.format === 'ANS' ? 'ANS' : 'S');
  return sp;
}

/** Reads sub-field 00 (the GUID) of another network's template without reporting anything. */
function peekGuid(ctx: Context, root: Spans, id: number): string | undefined {
  const start = startOf(root, id);
  const end = endOf(root, id);
  const s = ctx.s;
  if (end - start < 5 || s.charCodeAt(start) !== 48 || s.charCodeAt(start + 1) !== 48) return undefined;
  const len = digit(s, start + 2) * 10 + digit(s, start + 3);
  if (len <= 0 || start + 4 + len > end) return undefined;
  return s.slice(start + 4, start + 4 + len);
}

function checkCrc(ctx: Context, root: Spans): void {
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
function readHex4(s: string, start: number): number {
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
function checkTrailingCrc(ctx: Context): void {
  const s = ctx.s;
  const start = s.length - 4;
  if (start < 4 || !s.startsWith('6304', start - 4)) return;
  const written = s.slice(start);
  const computed = crcHex(crc16(s, start));
  if (written.toUpperCase() !== computed)
    ctx.error('CRC_MISMATCH', '63', { actual: written, expected: computed });
}

function checkTipAndFee(ctx: Context, root: Spans): void {
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

function readTipOrFee(ctx: Context, root: Spans): TipOrFee | undefined {
  const indicator = text(ctx, root, 55);
  if (indicator === '01') return { indicator: 'prompt' };
  if (indicator === '02')
    return { indicator: 'fixed', fixed: readAmount(ctx.s, startOf(root, 56), endOf(root, 56)) };
  if (indicator === '03') return { indicator: 'percentage', percentage: text(ctx, root, 57)! };
  return undefined;
}

function readTemplateFields(
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
function readAdditional(ctx: Context, sp: Spans, unknown: Record<string, string>): AdditionalData {
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
function collectUnknown(ctx: Context, t: Template, sp: Spans, unknown: Record<string, string>): void {
  for (let k = 0, n = countOf(sp); k < n; k++) {
    const id = idAt(sp, k);
    if (!t.byId[id]) unknown[subPath(t.path, id)] = ctx.s.slice(startOf(sp, id), endOf(sp, id));
  }
}

function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

export function parseVietQR(payload: string): ParseResult {
  if (typeof payload !== 'string' || payload.length === 0) {
    return { ok: false, errors: [errorIssue('EMPTY_PAYLOAD', '')], warnings: [] };
  }
  // For the usual all-ASCII payload one pass both proves "no astral characters" and computes the CRC.
  const crcEnd = payload.length - 4;
  const asciiCrc = crcEnd > 0 ? crc16Ascii(payload, crcEnd) : -1;
  const astral = asciiCrc < 0 && hasSurrogates(payload);
  const ctx = new Context(payload, astral, asciiCrc, crcEnd);
  try {
    return parseInto(ctx);
  } catch {
    // The contract is "never throws": a bug here must reach the caller as a result, not a crash.
    ctx.error('INTERNAL_ERROR', '');
    return { ok: false, errors: ctx.errors, warnings: ctx.warnings };
  }
}

function parseInto(ctx: Context): ParseResult {
  const s = ctx.s;
  const root = scan(ctx, 0, s.length, '');
  if (root === NO_SPANS) {
    checkTrailingCrc(ctx);
    return { ok: false, errors: ctx.errors, warnings: ctx.warnings };
  }

  if (idAt(root, 0) !== 0) {
    if (has(root, 0)) ctx.error('PAYLOAD_FORMAT_NOT_FIRST', '00');
  }
  checkCrc(ctx, root);
  // ID 38 absent but another network's template present: say which network instead of "38 missing".
  let otherNetwork = false;
  if (!has(root, 38)) {
    for (let k = 0, n = countOf(root); k < n; k++) {
      const id = idAt(root, k);
      if (id >= 2 && id <= 51) {
        const guid = peekGuid(ctx, root, id);
        const name = guid ? OTHER_NETWORK_GUIDS[guid.toUpperCase()] : undefined;
        ctx.error('OTHER_NETWORK', subPath('', id), {
          network: name ? `${name} (GUID ${guid})` : guid ? `GUID ${guid}` : `ID ${id}`,
        });
        otherNetwork = true;
        break;
      }
    }
  }
  for (const spec of ROOT.fields) {
    const id = spec.num;
    if (spec.presence === 'M' && !has(root, id) && id !== 63 && !(id === 38 && otherNetwork)) {
      ctx.error('FIELD_MISSING', spec.path, { name: spec.name.en });
    }
  }
  for (let k = 0, n = countOf(root); k < n; k++) {
    const id = idAt(root, k);
    const spec = ROOT.byId[id];
    if (spec && !spec.template && id !== 63) checkSpec(ctx, spec, startOf(root, id), endOf(root, id));
    else if (!spec && id >= 65) checkUnreserved(ctx, root, id);
  }

  if (has(root, 0) && !equals(ctx, root, 0, '01')) {
    ctx.error('PAYLOAD_FORMAT_INVALID', '00', { actual: text(ctx, root, 0) });
  }
  if (has(root, 1) && !equals(ctx, root, 1, '11') && !equals(ctx, root, 1, '12')) {
    ctx.error('POI_INVALID', '01', { actual: text(ctx, root, 1) });
  }

  const account = nested(ctx, root, F.merchantAccount);
  const beneficiary = nested(ctx, account, F.beneficiary);
  if (has(account, 0) && !equals(ctx, account, 0, NAPAS_GUID)) {
    const guid = text(ctx, account, 0)!;
    if (guid.toUpperCase() !== NAPAS_GUID) ctx.error('GUID_NOT_NAPAS', '38.00', { actual: guid });
  }
  if (account !== NO_SPANS && !has(account, 2)) ctx.warn('SERVICE_CODE_MISSING', '38.02');
  else if (account !== NO_SPANS) {
    const code = text(ctx, account, 2)!;
    if (!KNOWN_SERVICE_CODES.includes(code)) ctx.warn('SERVICE_CODE_UNKNOWN', '38.02', { actual: code });
  }

  if (has(root, 53) && !equals(ctx, root, 53, CURRENCY_VND)) {
    ctx.error('CURRENCY_NOT_VND', '53', { actual: text(ctx, root, 53) });
  }
  if (has(root, 58) && !equals(ctx, root, 58, COUNTRY_VN)) {
    ctx.error('COUNTRY_NOT_VN', '58', { actual: text(ctx, root, 58) });
  }
  let amount = -1;
  if (has(root, 54)) {
    amount = readAmount(s, startOf(root, 54), endOf(root, 54));
    if (amount < 0) ctx.error('AMOUNT_INVALID', '54', { actual: text(ctx, root, 54) });
    else {
      if (s.charCodeAt(endOf(root, 54) - 1) === 46) ctx.warn('AMOUNT_TRAILING_DOT', '54');
      if (amount >= NAPAS247_LIMIT_VND) ctx.warn('AMOUNT_OVER_NAPAS_LIMIT', '54');
    }
  }
  checkTipAndFee(ctx, root);
  const additional = nested(ctx, root, F.additional);
  const language = nested(ctx, root, F.alternateLanguage);

  if (ctx.errors.length > 0) return { ok: false, errors: ctx.errors, warnings: ctx.warnings };

  // Everything below is known to be present and well-formed.
  const bin = text(ctx, beneficiary, 0)!;
  const bank = bankByBin(bin);
  if (!bank) ctx.warn('BANK_UNKNOWN', '38.01.00', { actual: bin });
  const unknown: Record<string, string> = {};
  for (let k = 0, n = countOf(root); k < n; k++) {
    const id = idAt(root, k);
    if (!ROOT.byId[id]) unknown[subPath('', id)] = text(ctx, root, id)!;
  }
  collectUnknown(ctx, F.merchantAccount.template!, account, unknown);
  collectUnknown(ctx, F.beneficiary.template!, beneficiary, unknown);
  const additionalData = readAdditional(ctx, additional, unknown);

  // One literal with every key, in reading order: a single object shape (fast) and readable JSON.
  // Absent optional fields are `undefined`, which JSON.stringify leaves out.
  const tip = readTipOrFee(ctx, root);
  const data: VietQRData = {
    pointOfInitiation: equals(ctx, root, 1, '12') ? 'dynamic' : 'static',
    bin,
    bank: bank ? publicBank(bank) : undefined,
    accountNumber: text(ctx, beneficiary, 1)!,
    serviceCode: text(ctx, account, 2),
    amount: amount > 0 ? amount : undefined,
    currency: text(ctx, root, 53)!,
    country: text(ctx, root, 58)!,
    tipOrFee: tip,
    mcc: text(ctx, root, 52),
    merchantName: text(ctx, root, 59),
    merchantCity: text(ctx, root, 60),
    postalCode: text(ctx, root, 61),
    additional: additionalData,
    alternateLanguage: undefined,
    guid: text(ctx, account, 0)!,
    unknown,
    crc: text(ctx, root, 63)!,
  };
  if (language !== NO_SPANS) {
    const lang: Record<string, string> = {};
    readTemplateFields(ctx, F.alternateLanguage.template!, language, lang, unknown);
    data.alternateLanguage = {
      language: lang['language']!,
      merchantName: lang['merchantName']!,
      ...(lang['merchantCity'] !== undefined ? { merchantCity: lang['merchantCity'] } : {}),
    };
  }
  return { ok: true, data, warnings: ctx.warnings };
}

/** 65–99 are ANS; 80–99 are meant to be templates with a GUID, but real codes carry plain values. */
function checkUnreserved(ctx: Context, root: Spans, id: number): void {
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
