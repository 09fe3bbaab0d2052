import { cleanText } from './text.ts';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text for XML/SVG (and HTML built by hand) content or a quoted attribute: cleaned, then escaped. */
export const xmlText = (text: string): string => cleanText(text).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
