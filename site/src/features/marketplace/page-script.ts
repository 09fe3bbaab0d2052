import { randomBytes } from 'node:crypto';

/**
 * The storefront ships no JavaScript (middleware CSP: no script at all). The few pages that are better
 * with a few lines of it (copy buttons, "updates by itself when the money arrives") allow exactly their
 * own inline script by a per-response nonce; everything on them still works without it.
 */
export function allowInlineScript(headers: Headers): string {
  const nonce = randomBytes(16).toString('base64');
  headers.set(
    'content-security-policy',
    `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  );
  return nonce;
}
