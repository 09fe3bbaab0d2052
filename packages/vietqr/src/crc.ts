/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection, no final XOR) as required by
 * EMVCo MPM and NAPAS. Computed over UTF-8 bytes because that is what every public producer of
 * non-ASCII VietQR payloads does; the spec itself is silent.
 */

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n << 8;
    for (let k = 0; k < 8; k++) c = c & 0x8000 ? ((c << 1) ^ 0x1021) & 0xffff : (c << 1) & 0xffff;
    table[n] = c;
  }
  return table;
})();

function step(crc: number, byte: number): number {
  return ((crc << 8) & 0xffff) ^ TABLE[((crc >>> 8) ^ byte) & 0xff]!;
}

/**
 * CRC of `text.slice(start, end)` encoded as UTF-8, continuing from `init`, without allocating
 * the byte array. Used by the builder; the parser has `crc16Ascii`. Kept apart on purpose so each
 * hot loop sees one caller's kind of string (the builder's are ropes), keeping string access
 * monomorphic: after heavy builder use the parser measured slower when they shared a loop.
 */
export function crc16(text: string, end: number = text.length, start = 0, init = 0xffff): number {
  let crc = init;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >>> 8) ^ c) & 0xff]!;
      continue;
    }
    if (c < 0x800) {
      crc = step(crc, 0xc0 | (c >> 6));
      crc = step(crc, 0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
        crc = step(crc, 0xf0 | (c >> 18));
        crc = step(crc, 0x80 | ((c >> 12) & 0x3f));
        crc = step(crc, 0x80 | ((c >> 6) & 0x3f));
        crc = step(crc, 0x80 | (c & 0x3f));
        continue;
      }
    }
    // Lone surrogates are encoded as U+FFFD, as TextEncoder does.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    crc = step(crc, 0xe0 | (c >> 12));
    crc = step(crc, 0x80 | ((c >> 6) & 0x3f));
    crc = step(crc, 0x80 | (c & 0x3f));
  }
  return crc;
}

/**
 * CRC of `text.slice(start, end)`, continuing from `init`, when that range and everything after
 * it are ASCII, else -1. For the parser it is the single pre-scan that also proves no length needs
 * code-point counting; the builder resumes from the precomputed CRC of its fixed prefix.
 */
export function crc16Ascii(text: string, end: number, start = 0, init = 0xffff): number {
  let crc = init;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >>> 8) ^ c) & 0xff]!;
  }
  for (let i = end; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return -1;
  return crc;
}

const BYTE_HEX: readonly string[] = Array.from({ length: 256 }, (_, n) =>
  n.toString(16).toUpperCase().padStart(2, '0'),
);

/** Four upper-case hex digits, zero-padded (a CRC such as 0x0283 must stay `0283`). */
export function crcHex(crc: number): string {
  return BYTE_HEX[(crc >> 8) & 0xff]! + BYTE_HEX[crc & 0xff]!;
}
