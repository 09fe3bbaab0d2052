import { parseCodePath } from '@chophien/core';

/**
 * A code a person typed or pasted → the trace page path under /truy-xuat: a whole label link (GS1
 * Digital Link or this site's /truy-xuat/… link) keeps its path; the GS1 line printed under the QR
 * ("(01)…(10)…") becomes its Digital Link path; a bare lot code ("261110-7KQ3", spaces
 * dropped; the box asks the keyboard for capitals as labels print them) becomes `/l/<LOT>`. Undefined
 * when nothing usable was given.
 */
export function typedCodePath(typed: string): string | undefined {
  const text = typed.trim();
  if (!text || text.length > 200) return undefined;
  if (/^https?:\/\//i.test(text)) {
    try {
      const path = new URL(text).pathname.replace(/^(?:\/en)?\/truy-xuat(?=\/)/, '');
      return parseCodePath(path) ? path : undefined;
    } catch {
      return undefined;
    }
  }
  // "(01)08938…(10)TC261020-A(21)…": the human-readable line under a GS1 label's QR.
  const printed = /^\(01\)(\d{14})\(10\)([^()]+?)(?:\(21\)([^()]+))?$/.exec(text.replace(/\s+/g, ''));
  if (printed) {
    const [, gtin, lot, serial] = printed;
    const path = `/01/${gtin}/10/${encodeURIComponent(lot ?? '')}${serial ? `/21/${encodeURIComponent(serial)}` : ''}`;
    return parseCodePath(path) ? path : undefined;
  }
  const lot = text.replace(/\s+/g, '');
  if (!/^[\x21-\x7e]{1,20}$/.test(lot)) return undefined;
  return `/l/${encodeURIComponent(lot)}`;
}
