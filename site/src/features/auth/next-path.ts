/**
 * Where to send someone after sign-in. Only a path on this site is accepted: `next` comes from the
 * query string, so anything else would make the sign-in page an open redirect. Rejected: absolute
 * URLs and schemes (`https:`, `javascript:`), protocol-relative `//host`, `/\host` (browsers read `\`
 * as `/`), and control characters (a tab or newline inside `/\t/host` is dropped by URL parsers).
 */
export const DEFAULT_NEXT = '/';

export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return DEFAULT_NEXT;
  if (!raw.startsWith('/')) return DEFAULT_NEXT;
  if (raw.includes('\\')) return DEFAULT_NEXT;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return DEFAULT_NEXT;
  if (raw.startsWith('//')) return DEFAULT_NEXT;
  // Belt and braces: whatever the checks above missed, the result must resolve to this origin.
  const base = 'https://chophien.invalid';
  let resolved: URL;
  try {
    resolved = new URL(raw, base);
  } catch {
    return DEFAULT_NEXT;
  }
  if (resolved.origin !== base) return DEFAULT_NEXT;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
