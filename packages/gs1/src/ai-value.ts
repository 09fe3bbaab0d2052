import { type AiComponent, type AiDefinition, CharSet } from './ai-dictionary.ts';
import { CSET39, CSET64, CSET82 } from './charsets.ts';
import { hasValidCheckDigit } from './check-digit.ts';
import { isValidHour, isValidMinuteOrSecond, isValidYymmdd, isValidYyyymmdd } from './dates.ts';
import type { Gs1ErrorCode } from './errors.ts';

/** Checks one component's characters; returns the error code or undefined. */
function checkCharset(c: AiComponent, v: string, from: number, to: number): Gs1ErrorCode | undefined {
  switch (c.charset) {
    case CharSet.Numeric:
      for (let i = from; i < to; i++) {
        const ch = v.charCodeAt(i);
        if (ch < 48 || ch > 57) return 'DL_NOT_NUMERIC';
      }
      return undefined;
    case CharSet.Cset82:
      for (let i = from; i < to; i++) {
        const ch = v.charCodeAt(i);
        if (ch >= 128 || CSET82[ch] === 0) return 'DL_BAD_CSET82';
      }
      return undefined;
    case CharSet.Cset39:
      for (let i = from; i < to; i++) {
        const ch = v.charCodeAt(i);
        if (ch >= 128 || CSET39[ch] === 0) return 'DL_BAD_CSET39';
      }
      return undefined;
    default: {
      // base64url may end in "=" padding; nothing may follow it.
      let end = to;
      while (end > from && v.charCodeAt(end - 1) === 61) end--;
      if (to - end > 2) return 'DL_BAD_CSET64';
      for (let i = from; i < end; i++) {
        const ch = v.charCodeAt(i);
        if (ch >= 128 || CSET64[ch] === 0) return 'DL_BAD_CSET64';
      }
      return undefined;
    }
  }
}

function checkContent(c: AiComponent, v: string, from: number, to: number): Gs1ErrorCode | undefined {
  switch (c.check) {
    case undefined:
      return undefined;
    case 'csum':
      return hasValidCheckDigit(v.slice(from, to)) ? undefined : 'DL_BAD_CHECK_DIGIT';
    case 'yymmd0':
      return isValidYymmdd(v, from, true) ? undefined : 'DL_BAD_DATE';
    case 'yymmdd':
      return isValidYymmdd(v, from, false) ? undefined : 'DL_BAD_DATE';
    case 'yyyymmdd':
      return isValidYyyymmdd(v, from) ? undefined : 'DL_BAD_DATE';
    case 'hhmi':
      return isValidHour(v, from) && isValidMinuteOrSecond(v, from + 2) ? undefined : 'DL_BAD_TIME';
    case 'hh':
      return isValidHour(v, from) ? undefined : 'DL_BAD_TIME';
    case 'mi':
    case 'ss':
      return isValidMinuteOrSecond(v, from) ? undefined : 'DL_BAD_TIME';
    case 'zero':
      return v.charCodeAt(from) === 48 ? undefined : 'DL_BAD_COMPONENT';
    case 'yesno': {
      const ch = v.charCodeAt(from);
      return ch === 48 || ch === 49 ? undefined : 'DL_BAD_COMPONENT';
    }
    case 'hyphen':
      return v.charCodeAt(from) === 45 ? undefined : 'DL_BAD_COMPONENT';
    case 'pieceoftotal': {
      const piece = Number(v.slice(from, from + 2));
      const total = Number(v.slice(from + 2, from + 4));
      return piece >= 1 && total >= 1 && piece <= total ? undefined : 'DL_BAD_COMPONENT';
    }
    case 'nozeroprefix':
      return to - from > 1 && v.charCodeAt(from) === 48 ? 'DL_BAD_COMPONENT' : undefined;
  }
}

/**
 * Validates a decoded AI value against its definition: length, components, character sets, check digits,
 * dates. Returns the first problem's code, or undefined when the value is valid.
 */
export function validateAiValue(def: AiDefinition, v: string): Gs1ErrorCode | undefined {
  const n = v.length;
  if (n < def.minLength) return 'DL_VALUE_TOO_SHORT';
  if (n > def.maxLength) return 'DL_VALUE_TOO_LONG';
  let pos = 0;
  for (const c of def.components) {
    const left = n - pos;
    if (left === 0 && c.optional) break;
    if (left < c.min) return 'DL_VALUE_TOO_SHORT';
    const take = c.min === c.max ? c.min : Math.min(left, c.max);
    const end = pos + take;
    const bad = checkCharset(c, v, pos, end) ?? checkContent(c, v, pos, end);
    if (bad !== undefined) return bad;
    pos = end;
  }
  return pos < n ? 'DL_VALUE_TOO_LONG' : undefined;
}
