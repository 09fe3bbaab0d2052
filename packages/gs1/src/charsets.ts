/** Lookup tables (ASCII only; anything ≥ 128 is outside every GS1 set) built once at load time. */

function table(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';

/** GS1 AI encodable character set 82 (no space, no letters outside A–Z/a–z). */
export const CSET82 = table(`!"%&'()*+,-./:;<=>?_${DIGITS}${UPPER}${LOWER}`);
/** GS1 AI encodable character set 39. */
export const CSET39 = table(`#-/${DIGITS}${UPPER}`);
/** GS1 AI encodable character set 64 (base64url alphabet; "=" padding is handled separately). */
export const CSET64 = table(`-_${DIGITS}${UPPER}${LOWER}`);
/** Characters allowed anywhere in a Digital Link URI (RFC 3986 reserved + unreserved + "%"). */
export const URI_CHARS = table(`-._~:/?#[]@!$&'()*+,;=%${DIGITS}${UPPER}${LOWER}`);
/** Characters a Digital Link domain (host[:port]) may not contain. */
export const BAD_DOMAIN_CHARS = table(`_~?#@!$&'()*+,;=%`);
/** RFC 3986 unreserved: the only characters we emit without percent-encoding. */
export const UNRESERVED = table(`-._~${DIGITS}${UPPER}${LOWER}`);

export function allIn(s: string, t: Uint8Array, from = 0, to = s.length): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || t[c] === 0) return false;
  }
  return true;
}
