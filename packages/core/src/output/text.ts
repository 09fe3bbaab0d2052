/**
 * Producer-controlled text (product names, households, notes, names on accounts) reaches HTML, JSON-LD,
 * `<meta>`, CSV, SVG and PDF labels and QR payloads. Each output kind has exactly one serializer in this
 * folder, and every one starts from the same cleaning: what no output should carry is dropped here once.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is dropped.
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides and isolates: they make a label read differently from what it says. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
/** Unpaired UTF-16 surrogates (not text in any encoding) and Unicode noncharacters. */
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NONCHARACTERS = /[\ufdd0-\ufdef\ufffe\uffff]/g;

/** Text with nothing an output cannot carry: NFC, no controls (line breaks kept), no bidi tricks. */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATES, '')
    .normalize('NFC')
    .replace(CONTROLS, '')
    .replace(BIDI_CONTROLS, '')
    .replace(NONCHARACTERS, '');
}

/** One line of clean text: every run of whitespace (line breaks, tabs) becomes one space, trimmed. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}
