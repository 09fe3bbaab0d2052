/**
 * The parser's one pass: each template is split once into a span table (value start/end per ID)
 * over module-level scratch arrays, so a parse allocates no per-template objects.
 */
import {
  errorIssue,
  type IssueFacts,
  type VietQRErrorCode,
  type VietQRIssue,
  type VietQRWarning,
  type VietQRWarningCode,
  warningIssue,
} from '../errors.ts';
import { advanceChars, charLength } from '../tlv.ts';

/**
 * Where each ID's value sits in one template, as an offset (`Spans`) into module-level scratch
 * arrays rather than fresh objects: allocation dominated the profile, and parsing is synchronous,
 * so one parse never overlaps another. A slot is present when its stamp equals the parse's
 * generation, which spares clearing the arrays between parses.
 */
export type Spans = number;
export const NO_SPANS = -1;

const MAX_TEMPLATES = 8;
const stamps = new Uint32Array(100 * MAX_TEMPLATES);
const starts = new Int32Array(100 * MAX_TEMPLATES);
const ends = new Int32Array(100 * MAX_TEMPLATES);
/** IDs of each template in order of appearance; the count sits in `counts`. */
const order = new Uint8Array(100 * MAX_TEMPLATES);
const counts = new Uint8Array(MAX_TEMPLATES);
let generation = 0;
/** The generation of the parse in progress, read by `has`. */
let currentGeneration = 0;

export class Context {
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

export const subPath = (parent: string, id: number): string =>
  (parent ? `${parent}.` : '') + (id < 10 ? `0${id}` : id);

export function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/**
 * Splits `s[start, end)` into ID-length-value objects. On a broken structure it reports one
 * error and returns undefined: nothing after a bad length can be trusted.
 */
export function scan(ctx: Context, start: number, end: number, path: string): Spans {
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

export const has = (sp: Spans, id: number): boolean =>
  sp !== NO_SPANS && stamps[sp + id] === currentGeneration;
export const startOf = (sp: Spans, id: number): number => starts[sp + id]!;
export const endOf = (sp: Spans, id: number): number => ends[sp + id]!;
export const countOf = (sp: Spans): number => counts[(sp / 100) | 0]!;
export const idAt = (sp: Spans, k: number): number => order[sp + k]!;

export function text(ctx: Context, sp: Spans, id: number): string | undefined {
  return has(sp, id) ? ctx.s.slice(startOf(sp, id), endOf(sp, id)) : undefined;
}

export function equals(ctx: Context, sp: Spans, id: number, expected: string): boolean {
  const start = startOf(sp, id);
  if (endOf(sp, id) - start !== expected.length) return false;
  return ctx.s.startsWith(expected, start);
}

export function hasSurrogates(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}
