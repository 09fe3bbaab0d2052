/**
 * Stall check code: a short HMAC of (stall code, account number) printed under the stall's QR.
 * Someone pasting their own QR over a stall's standee cannot print the matching code without the
 * platform secret, so a buyer or an inspector can tell a swapped sticker from the real one.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

// Crockford base32: no I, L, O, U, so codes read aloud or retyped are hard to get wrong.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 8 characters = 40 bits: a forger's guess succeeds once in ~10^12. */
const CODE_CHARS = 8;
const DOMAIN = 'chophien/vietqr/stall-check/v1';

function encode(bytes: Uint8Array, chars: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; out.length < chars; ) {
    if (bits < 5) {
      buffer = (buffer << 8) | bytes[i++]!;
      bits += 8;
    }
    bits -= 5;
    out += ALPHABET[(buffer >> bits) & 31];
  }
  return out;
}

/** `ABCD-EFGH`. The stall code and account are separated by NUL so no two pairs collide. */
export function stallCheckCode(secret: string, stallCode: string, accountNumber: string): string {
  if (!secret) throw new TypeError('stallCheckCode: secret must not be empty / khóa bí mật không được rỗng');
  const mac = createHmac('sha256', secret).update(`${DOMAIN}\0${stallCode}\0${accountNumber}`).digest();
  const code = encode(mac, CODE_CHARS);
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Tolerates what people do when retyping: lower case, spaces, no dash, O for 0, I or L for 1. */
export function normalizeCheckCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function verifyStallCheckCode(
  secret: string,
  stallCode: string,
  accountNumber: string,
  code: string,
): boolean {
  const expected = Buffer.from(normalizeCheckCode(stallCheckCode(secret, stallCode, accountNumber)));
  const given = Buffer.from(normalizeCheckCode(code));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
