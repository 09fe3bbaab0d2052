/**
 * GS1 mod-10 check digit, shared by GTIN, GLN, SSCC, GSRN, GDTI, GRAI, GSIN, ITIP.
 * Weights run 3,1,3,1… from the rightmost data digit, so the same routine serves every length.
 */

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Sum of weighted digits over s[0, end), weights 3,1,… from end-1 leftwards. */
function weightedSum(s: string, end: number): number {
  let sum = 0;
  let weight = 3;
  for (let i = end - 1; i >= 0; i--) {
    sum += weight * (s.charCodeAt(i) - 48);
    weight = 4 - weight;
  }
  return sum;
}

/** Check digit for a string of digits that does NOT yet include it. Throws on non-digits (programmer error). */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  if (!isDigits(digitsWithoutCheck)) throw new TypeError('gtinCheckDigit: digits only');
  return (10 - (weightedSum(digitsWithoutCheck, digitsWithoutCheck.length) % 10)) % 10;
}

/** True when the last digit of `digits` is the correct mod-10 check digit (any length ≥ 2). */
export function hasValidCheckDigit(digits: string): boolean {
  if (digits.length < 2 || !isDigits(digits)) return false;
  const expected = (10 - (weightedSum(digits, digits.length - 1) % 10)) % 10;
  return expected === digits.charCodeAt(digits.length - 1) - 48;
}

/** GTIN-8, -12, -13 or -14 with a correct check digit. */
export function isValidGtin(gtin: string): boolean {
  const n = gtin.length;
  return (n === 8 || n === 12 || n === 13 || n === 14) && hasValidCheckDigit(gtin);
}

/** Left-pads a valid GTIN-8/12/13 to 14 digits (padding does not change the check digit); undefined if invalid. */
export function padGtin14(gtin: string): string | undefined {
  return isValidGtin(gtin) ? gtin.padStart(14, '0') : undefined;
}

export function isValidGln(gln: string): boolean {
  return gln.length === 13 && hasValidCheckDigit(gln);
}

export function isValidSscc(sscc: string): boolean {
  return sscc.length === 18 && hasValidCheckDigit(sscc);
}

export { isDigits };
