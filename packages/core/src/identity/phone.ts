/**
 * People type their number the way they say it: "0987 000 011", "098.700.0011", "+84 987 000 011".
 * Cognito (and the dev provider) know it in E.164: "+84987000011". Returns undefined when the
 * input cannot be a Vietnamese number. One rule for the sign-in page, the console and the import.
 */
export function toE164Vietnam(input: string): string | undefined {
  const compact = input.replace(/[\s.\-()]/g, '');
  let national: string | undefined;
  if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
  else if (/^84\d{9,10}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d+$/.test(compact)) national = compact.slice(1);
  if (!national || !/^[1-9]\d{8,9}$/.test(national)) return undefined;
  return `+84${national}`;
}

/** "+84987000011" → "0987 000 011": how the number is shown back on the page. */
export function displayPhone(e164: string): string {
  const national = e164.startsWith('+84') ? `0${e164.slice(3)}` : e164;
  return national.replace(/^(\d{4})(\d{3})(\d+)$/, '$1 $2 $3');
}
