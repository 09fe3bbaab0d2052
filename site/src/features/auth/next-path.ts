/**
 * Where to send someone after sign-in (or sign-out). Only a path on this site is accepted: `next` comes
 * from the query string, so anything else would make the sign-in page an open redirect.
 *
 * The rule is checked on what a URL parser makes of the input, not on the input: dot segments are
 * resolved first (`/.//evil`, `/a/..//evil` and their `%2e` spellings all become `//evil`, a
 * protocol-relative URL), so testing the raw string for a leading `//` is not enough. Refused: anything
 * not starting with `/`, backslashes (browsers read `\` as `/`), control characters (URL parsers drop a
 * tab or newline inside `/\t/host`), a result starting with `//`, and percent-encoded slashes,
 * backslashes, `%` itself or control characters in the path (a proxy or a second decode turns them back
 * into the characters refused above). The query string and fragment are data and may hold anything
 * encoded.
 */
export const DEFAULT_NEXT = '/';

const BASE = 'https://chophien.invalid';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const RAW_REFUSED = /[\\\u0000-\u0020\u007f]/;
/** Encoded `/`, `\`, `%` (a second decode) and control characters, in the path part only. */
const ENCODED_REFUSED = /%(?:2f|5c|25|[01][0-9a-f]|7f)/i;

export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return DEFAULT_NEXT;
  if (!raw.startsWith('/') || RAW_REFUSED.test(raw)) return DEFAULT_NEXT;
  let resolved: URL;
  try {
    resolved = new URL(raw, BASE);
  } catch {
    return DEFAULT_NEXT;
  }
  const { pathname } = resolved;
  if (resolved.origin !== BASE || !pathname.startsWith('/') || pathname.startsWith('//')) return DEFAULT_NEXT;
  if (ENCODED_REFUSED.test(pathname)) return DEFAULT_NEXT;
  return `${pathname}${resolved.search}${resolved.hash}`;
}
