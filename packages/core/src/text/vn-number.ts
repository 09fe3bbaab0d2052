/**
 * One rule for numbers typed by people in Vietnam, for every form field that takes one:
 * a comma is the decimal mark, dots (and spaces) group thousands: "1,5" = 1.5, "45.000" = 45000,
 * "1.234.567,8" = 1234567.8. A dot that cannot be grouping (not followed by exactly three digits,
 * e.g. "21.5668" copied from a map app) is read as a decimal point, so GPS pasted from a phone works.
 */
export type VnNumberResult = { ok: true; value: number } | { ok: false; reason: 'not_a_number' };

export function parseVietnameseNumber(raw: string): VnNumberResult {
  const text = raw.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!/^[+-]?[\d.,]+$/.test(text) || !/\d/.test(text)) return { ok: false, reason: 'not_a_number' };
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]/, '');
  const commas = body.split(',').length - 1;
  if (commas > 1) return { ok: false, reason: 'not_a_number' };
  let [whole = '', fraction] = body.split(',');
  if (fraction === undefined && whole.includes('.')) {
    const groups = whole.split('.');
    const grouping = groups.length > 1 && groups.slice(1).every((g) => g.length === 3) && groups[0] !== '';
    if (!grouping) {
      // One dot that is not grouping is a decimal point; more than one is a typing slip.
      if (groups.length !== 2) return { ok: false, reason: 'not_a_number' };
      [whole = '', fraction] = groups;
    }
  }
  if (whole.includes('.')) {
    const groups = whole.split('.');
    if (groups[0] === '' || !groups.slice(1).every((g) => g.length === 3))
      return { ok: false, reason: 'not_a_number' };
    whole = groups.join('');
  }
  if (
    !/^\d*$/.test(whole) ||
    (fraction !== undefined && !/^\d+$/.test(fraction)) ||
    whole + (fraction ?? '') === ''
  )
    return { ok: false, reason: 'not_a_number' };
  const value = sign * Number(`${whole || '0'}${fraction !== undefined ? `.${fraction}` : ''}`);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: 'not_a_number' };
}

/** A whole number written the Vietnamese way; "1,5" is a number but not a whole one. */
export type VnIntegerResult =
  | { ok: true; value: number }
  | { ok: false; reason: 'not_a_number' | 'not_whole' | 'too_big' };

export function parseVietnameseInteger(raw: string): VnIntegerResult {
  const parsed = parseVietnameseNumber(raw);
  if (!parsed.ok) return parsed;
  if (!Number.isInteger(parsed.value)) return { ok: false, reason: 'not_whole' };
  if (!Number.isSafeInteger(parsed.value)) return { ok: false, reason: 'too_big' };
  return parsed;
}

const grouping = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });
/** 1500 → "1.500", 1.5 → "1,5": numbers shown back in the form people type them. */
export const formatVietnameseNumber = (value: number): string => grouping.format(value);
