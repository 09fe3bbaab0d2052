/**
 * One rule for Vietnamese phone numbers: sign-in, checkout, the console and the import read them alike.
 * People type them the way they say them: "0987 000 001", "098.700.0001", "+84 987 000 001",
 * "84987000001", "(+84) 987-000-001". Stored and compared in E.164 ("+84987000001"); shown back
 * in the national form ("0987 000 001").
 */
export function toE164Vietnam(input: string): string | undefined {
  const compact = input.trim().replace(/[\s.\-()]/g, '');
  let national: string | undefined;
  // "+84 0987…" (the trunk 0 kept after the country code) is common on business cards.
  if (/^\+840?\d+$/.test(compact)) national = compact.slice(3).replace(/^0/, '');
  else if (/^00840?\d+$/.test(compact)) national = compact.slice(4).replace(/^0/, '');
  else if (/^84\d{9}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  // Mobile numbers have 9 digits after the 0 (03x, 05x, 07x, 08x, 09x); landlines 10 (02xx…).
  if (!national || !/^(?:[35789]\d{8}|2\d{9})$/.test(national)) return undefined;
  return `+84${national}`;
}

/** "+84987000001" → "0987 000 001": how a number is shown back to a person. */
export function displayPhone(e164: string): string {
  const national = e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
  return national.length === 10
    ? national.replace(/^(\d{4})(\d{3})(\d{3})$/, '$1 $2 $3')
    : national.replace(/^(\d{3})(\d{4})(\d+)$/, '$1 $2 $3');
}

/** The example every phone field's message gives, in the format the sign-in page shows. */
export const PHONE_EXAMPLE = '0987 000 001';
