/**
 * Vietnamese → ASCII for ANS fields. NFD splits a letter from its tone and vowel marks so the
 * marks can be dropped; Đ/đ is a separate letter, not a marked D, so NFD leaves it alone and it
 * needs its own rule (banks expect D, see Odoo PR #189238).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function transliterate(text: string): string {
  if (isAscii(text)) return text;
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/Đ/g, 'D')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/** Folds a name for look-ups: no diacritics, lower case, letters and digits only. */
export function foldName(text: string): string {
  return transliterate(text)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
