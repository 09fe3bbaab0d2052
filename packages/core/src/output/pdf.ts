import { cleanLine } from './text.ts';

/**
 * One line of text for a PDF drawn with an embedded font: cleaned to one line (pdf-lib would break a line
 * on `\n` and throw on text its encoder cannot take), and every character the font has no glyph for is
 * shown as `?` rather than as an invisible box. `hasGlyph` tells which code points the font covers.
 */
export function pdfLine(text: string, hasGlyph: (codePoint: number) => boolean): string {
  let out = '';
  for (const ch of cleanLine(text)) out += hasGlyph(ch.codePointAt(0)!) ? ch : '?';
  return out;
}
