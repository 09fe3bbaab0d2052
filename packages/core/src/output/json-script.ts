/**
 * JSON inside an HTML `<script>` (JSON-LD): `<` is written `\u003c` so no value can close the script or
 * open a comment, `>` and `&` likewise for older parsers, and U+2028/U+2029 (line terminators to
 * JavaScript, not to JSON) are escaped. Still valid JSON: `JSON.parse` gives back the same value.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
