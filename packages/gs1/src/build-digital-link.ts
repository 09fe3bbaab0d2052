import { isDigits, padGtin14 } from './check-digit.ts';
import { humanReadableOf } from './element-string.ts';
import { Gs1Error, issue } from './errors.ts';
import { parseDigitalLink } from './parse-digital-link.ts';
import { encodeComponent } from './percent.ts';
import type { AiValue, ParsedDigitalLink } from './types.ts';

export const CANONICAL_DOMAIN = 'id.gs1.org';

export interface BuildDigitalLinkInput {
  /** host[:port]; default id.gs1.org. Use the platform's resolver domain for printed labels. */
  readonly domain?: string;
  /** Custom stem before /01/…, e.g. "/p". Segments are percent-encoded as needed. */
  readonly pathPrefix?: string;
  /** GTIN-8/12/13/14 with a valid check digit; always emitted as GTIN-14. */
  readonly gtin: string;
  readonly cpv?: string;
  readonly lot?: string;
  readonly serial?: string;
  /** GS1 data attributes by AI, e.g. { '17': '261231', '7007': '240501' }. Emitted sorted by AI. */
  readonly attributes?: Readonly<Record<string, string>>;
  /**
   * Non-GS1 parameters (keys must not be all digits), appended after the AIs in the given order,
   * e.g. a signed authenticity token { t: '…' }. GS1 parsers ignore them, so the link stays valid.
   */
  readonly extraParams?: Readonly<Record<string, string>>;
}

function sortedByAi(pairs: readonly AiValue[]): AiValue[] {
  return [...pairs].sort((a, b) => (a.ai < b.ai ? -1 : a.ai > b.ai ? 1 : 0));
}

function pathOf(primaryKey: AiValue, qualifiers: readonly AiValue[]): string {
  let out = `/${primaryKey.ai}/${encodeComponent(primaryKey.value)}`;
  for (const q of qualifiers) out += `/${q.ai}/${encodeComponent(q.value)}`;
  return out;
}

function queryOf(attributes: readonly AiValue[], extra: readonly (readonly [string, string])[]): string {
  const parts: string[] = [];
  for (const a of attributes) parts.push(`${a.ai}=${encodeComponent(a.value)}`);
  for (const [k, v] of extra) parts.push(`${encodeComponent(k)}=${encodeComponent(v)}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function prefixOf(pathPrefix: string | undefined): string {
  if (pathPrefix === undefined) return '';
  const segments = pathPrefix.split('/').filter((s) => s !== '');
  return segments.length === 0 ? '' : `/${segments.map(encodeComponent).join('/')}`;
}

/**
 * Builds the canonical-form Digital Link for a trade item: https, GTIN-14, qualifiers 22 → 10 → 21,
 * attributes sorted by AI, then extra params. Validates the result with the strict parser and throws
 * {@link Gs1Error} (stable `code`) when any input is invalid — building a bad label is a programming error.
 */
export function buildDigitalLink(input: BuildDigitalLinkInput): string {
  const gtin = typeof input.gtin === 'string' ? padGtin14(input.gtin) : undefined;
  if (gtin === undefined) throw new Gs1Error([issue('GTIN_INVALID', '01', String(input.gtin))]);
  const qualifiers: AiValue[] = [];
  if (input.cpv !== undefined) qualifiers.push({ ai: '22', value: input.cpv });
  if (input.lot !== undefined) qualifiers.push({ ai: '10', value: input.lot });
  if (input.serial !== undefined) qualifiers.push({ ai: '21', value: input.serial });
  const attributes = sortedByAi(Object.entries(input.attributes ?? {}).map(([ai, value]) => ({ ai, value })));
  const extra = Object.entries(input.extraParams ?? {});
  for (const [key] of extra) {
    if (key === '' || isDigits(key)) {
      throw new Gs1Error([
        issue('BUILD_BAD_INPUT', undefined, `extra param key "${key}" must not be empty or all digits`),
      ]);
    }
  }
  const domain = input.domain ?? CANONICAL_DOMAIN;
  const uri = `https://${domain}${prefixOf(input.pathPrefix)}${pathOf({ ai: '01', value: gtin }, qualifiers)}${queryOf(attributes, extra)}`;
  const check = parseDigitalLink(uri, { mode: 'strict' });
  if (!check.ok) throw new Gs1Error(check.errors);
  return uri;
}

/**
 * The form to store and compare: id.gs1.org stem, numeric AIs, GTIN-14 (the parser already padded it),
 * qualifiers in order, attributes sorted by AI, non-GS1 params and fragment dropped.
 */
export function canonicalDigitalLink(parsed: ParsedDigitalLink): string {
  return `https://${CANONICAL_DOMAIN}${pathOf(parsed.primaryKey, parsed.qualifiers)}${queryOf(sortedByAi(parsed.attributes), [])}`;
}

/** Label text, key first then qualifiers then attributes: "(01)09520123456788(10)ABC1(17)261231". */
export function humanReadable(parsed: ParsedDigitalLink): string {
  return humanReadableOf([parsed.primaryKey, ...parsed.qualifiers, ...parsed.attributes]);
}
