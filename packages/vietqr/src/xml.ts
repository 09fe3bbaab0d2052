const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** XML 1.0 forbids most C0 controls even as references; a stray one would make the file unreadable. */
function isForbidden(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff;
}

/** Escapes text for XML/HTML content and attribute values, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  let clean = text;
  for (let i = 0; i < text.length; i++) {
    if (isForbidden(text.charCodeAt(i))) {
      clean = Array.from(text)
        .filter((ch) => !isForbidden(ch.charCodeAt(0)))
        .join('');
      break;
    }
  }
  return clean.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
