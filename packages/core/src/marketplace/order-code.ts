/**
 * Order codes travel through bank memos (62.08), which banks upper-case, truncate and sometimes
 * strip of spaces; so: a fixed prefix, upper-case ASCII, no 0/O/1/I/L that people and OCR confuse.
 */
export const ORDER_CODE_PREFIX = 'CP';
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const BODY_LENGTH = 6;

export function generateOrderCode(random: () => number = Math.random): string {
  let body = '';
  for (let i = 0; i < BODY_LENGTH; i += 1) body += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return `${ORDER_CODE_PREFIX}${body}`;
}

const CODE_PATTERN = new RegExp(`${ORDER_CODE_PREFIX}[${ALPHABET}]{${BODY_LENGTH}}`);

export const isOrderCode = (value: string): boolean => new RegExp(`^${CODE_PATTERN.source}$`).test(value);

/**
 * Finds an order code in a transfer memo as banks deliver it ("CT DEN:123 CPAB3K7Q chuyen tien"):
 * upper-cased and with separators removed between the prefix and the body.
 */
export function orderCodeFromMemo(memo: string): string | undefined {
  const upper = memo.toUpperCase();
  const direct = CODE_PATTERN.exec(upper);
  if (direct) return direct[0];
  const squeezed = CODE_PATTERN.exec(upper.replace(/[^A-Z0-9]/g, ''));
  return squeezed?.[0];
}

/** A code as a caller passes it (any case, stray spaces) → canonical, or undefined if not a code. */
export function normalizeOrderCode(value: string): string | undefined {
  const code = value.trim().toUpperCase().replace(/[\s-]/g, '');
  return isOrderCode(code) ? code : undefined;
}
