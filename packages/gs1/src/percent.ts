import { UNRESERVED } from './charsets.ts';

/** Result of decoding: the text, or why it could not be decoded. */
export type Decoded = string | { readonly error: 'malformed' | 'null' };

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/**
 * Decodes %XX escapes byte by byte into char codes 0–255. GS1 AI values are ASCII, so any byte ≥ 0x80
 * simply fails the later character-set check; decoding UTF-8 here would only hide that.
 * `plusIsSpace`: true in the query (form encoding), false in the path where "+" is a literal plus.
 * `strict`: a malformed escape ("%4g", trailing "%") is an error; otherwise it is kept as typed, like GS1's engine.
 */
export function decodeAiValue(s: string, plusIsSpace: boolean, strict: boolean): Decoded {
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 37 || (plusIsSpace && c === 43)) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 43 && plusIsSpace) {
      out += ' ';
    } else if (c === 37) {
      const hi = i + 2 < s.length ? hexValue(s.charCodeAt(i + 1)) : -1;
      const lo = hi >= 0 ? hexValue(s.charCodeAt(i + 2)) : -1;
      if (lo < 0) {
        if (strict) return { error: 'malformed' };
        out += '%';
        continue;
      }
      const byte = hi * 16 + lo;
      if (byte === 0) return { error: 'null' };
      out += String.fromCharCode(byte);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

/** Decodes a non-GS1 query component as UTF-8 form data; never throws (falls back to the raw text). */
export function decodeQueryText(s: string): string {
  const plusless = s.includes('+') ? s.replaceAll('+', ' ') : s;
  if (!plusless.includes('%')) return plusless;
  try {
    return decodeURIComponent(plusless);
  } catch {
    return plusless;
  }
}

const HEX = '0123456789ABCDEF';

/** Percent-encodes everything except RFC 3986 unreserved characters (GS1 DL §1.4: "+" becomes %2B). */
export function encodeComponent(s: string): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || UNRESERVED[c] === 0) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  let out = '';
  for (const byte of new TextEncoder().encode(s)) {
    if (byte < 128 && UNRESERVED[byte] === 1) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}
