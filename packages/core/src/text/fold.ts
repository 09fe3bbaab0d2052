/**
 * Vietnamese text folded for matching and ASCII-only contexts: diacritics removed, Đ/đ → D/d.
 * NFD splits "ế" into "e" + two combining marks; Đ has no decomposition, hence the explicit map.
 */
export function removeDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** Lower-case, diacritic-free, single-spaced: the key used for search and slugs. */
export function foldForSearch(text: string): string {
  return removeDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function slugify(text: string): string {
  return foldForSearch(text).replace(/ /g, '-');
}
