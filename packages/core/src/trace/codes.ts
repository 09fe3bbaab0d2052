import { randomBytes } from 'node:crypto';
import { isValidGtin, padGtin14 } from '@chophien/gs1';

/**
 * Export planting-area (orchard) and packing-house codes issuedSerial by the Plant Protection Department:
 * `VN-` + two province letters + `OR` or `PH` + `-` + four digits (e.g. VN-TNOR-0012, VN-HDPH-0001).
 */
export const EXPORT_PLANTING_AREA = /^VN-[A-Z]{2}OR-\d{4}$/;
export const EXPORT_PACKING_HOUSE = /^VN-[A-Z]{2}PH-\d{4}$/;

/** A code written in the export shape (starts with `VN-` and a letter block) must match it exactly; domestic codes are free-form. */
export function plantingAreaCodeProblem(code: string, kind: 'OR' | 'PH'): string | undefined {
  const looksExport = /^VN-[A-Z]{2,}/i.test(code);
  if (!looksExport) return undefined;
  const pattern = kind === 'OR' ? EXPORT_PLANTING_AREA : EXPORT_PACKING_HOUSE;
  return pattern.test(code) ? undefined : `VN-XX${kind}-NNNN`;
}

/** GS1 CSET 82: the only characters an AI (10) lot or AI (21) serial may hold. */
export const LOT_CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
export const MAX_LOT_LENGTH = 20;

/** Unambiguous upper-case alphabet (no I, L, O, U): codes are read aloud and typed from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function randomTraceCode(length: number, random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

/**
 * A generated lot: harvest date (YYMMDD) + 4 random characters, e.g. `260512-7KQ3`; short enough for a
 * small label, sortable by date, and 32^4 codes per day keeps collisions rare (the write is conditional anyway).
 */
export function generateLotCode(
  harvestDate: string | undefined,
  now: Date,
  random?: (n: number) => Uint8Array,
) {
  const day = (harvestDate ?? now.toISOString().slice(0, 10)).replace(/-/g, '').slice(2, 8);
  return `${day}-${randomTraceCode(4, random)}`;
}

/** Serials are random, not sequential, so one label's serial does not reveal its neighbours'. */
export const generateTraceSerial = (random?: (n: number) => Uint8Array) => randomTraceCode(10, random);

/** The 14-digit GTIN when valid (GTIN-8/12/13 padded), else undefined. */
export function normalizeGtin(gtin: string): string | undefined {
  if (!/^\d{8}$|^\d{12,14}$/.test(gtin) || !isValidGtin(gtin)) return undefined;
  return padGtin14(gtin);
}
