import { type AiDefinition, aiDefinition } from './ai-dictionary.ts';
import { pairingIssues } from './ai-pairing.ts';
import { validateAiValue } from './ai-value.ts';
import { BAD_DOMAIN_CHARS, URI_CHARS } from './charsets.ts';
import { isDigits } from './check-digit.ts';
import { elementString } from './element-string.ts';
import { type Gs1Issue, issue } from './errors.ts';
import { belongsInPath, fittingSequences } from './key-qualifiers.ts';
import { decodeAiValue, decodeQueryText } from './percent.ts';
import type { AiValue, IgnoredParam, ParsedDigitalLink, ParseOptions, ParseResult } from './types.ts';

/** Far above any printable QR payload; bounds the work an adversarial input can cause. */
export const MAX_URI_LENGTH = 8192;

function fail(...errors: Gs1Issue[]): ParseResult {
  return { ok: false, errors };
}

function schemeLength(uri: string): number {
  // GS1 accepts all-lower or all-upper schemes only; "HtTp://" is rejected on purpose.
  if (uri.startsWith('https://') || uri.startsWith('HTTPS://')) return 8;
  if (uri.startsWith('http://') || uri.startsWith('HTTP://')) return 7;
  return 0;
}

/** Decodes and validates one AI value; pushes problems to `errors` and returns the value to keep. */
function readValue(
  def: AiDefinition,
  raw: string,
  inQuery: boolean,
  lenient: boolean,
  errors: Gs1Issue[],
): string | undefined {
  const decoded = decodeAiValue(raw, inQuery, !lenient);
  if (typeof decoded !== 'string') {
    errors.push(issue(decoded.error === 'null' ? 'DL_NULL_CHARACTER' : 'DL_BAD_PERCENT_ENCODING', def.ai));
    return undefined;
  }
  let value = decoded;
  // Zero-suppressed GTIN-8/12/13 in the path: deprecated by DL 1.6, tolerated only when reading leniently.
  if (lenient && def.ai === '01' && value.length < 14 && isDigits(value)) {
    const n = value.length;
    if (n === 8 || n === 12 || n === 13) value = value.padStart(14, '0');
  }
  const bad = validateAiValue(def, value);
  if (bad !== undefined) {
    errors.push(
      issue(bad, def.ai, def.ai === '01' && bad === 'DL_VALUE_TOO_SHORT' ? 'GTIN-14 required' : undefined),
    );
    return undefined;
  }
  return value;
}

function parse(uri: unknown, lenient: boolean): ParseResult {
  if (typeof uri !== 'string') return fail(issue('DL_NOT_A_STRING'));
  if (uri.length > MAX_URI_LENGTH) return fail(issue('DL_TOO_LONG'));
  for (let i = 0; i < uri.length; i++) {
    const c = uri.charCodeAt(i);
    if (c >= 128 || URI_CHARS[c] === 0) return fail(issue('DL_BAD_URI_CHAR', undefined, `position ${i}`));
  }
  const start = schemeLength(uri);
  if (start === 0) return fail(issue('DL_BAD_SCHEME'));

  let end = uri.indexOf('#', start);
  if (end < 0) end = uri.length;
  let queryStart = uri.indexOf('?', start);
  if (queryStart < 0 || queryStart > end) queryStart = end;
  let pathStart = uri.indexOf('/', start);
  if (pathStart < 0 || pathStart > queryStart) pathStart = queryStart;

  if (pathStart === start) return fail(issue('DL_BAD_DOMAIN'));
  for (let i = start; i < pathStart; i++) {
    if (BAD_DOMAIN_CHARS[uri.charCodeAt(i)] === 1) return fail(issue('DL_BAD_DOMAIN'));
  }
  const domain = uri.slice(start, pathStart);

  if (queryStart - pathStart <= 1) return fail(issue('DL_NO_PRIMARY_KEY'));
  const trailingSlash = uri.charCodeAt(queryStart - 1) === 47;
  const segments = uri.slice(pathStart + 1, trailingSlash ? queryStart - 1 : queryStart).split('/');
  if (trailingSlash) {
    const last = segments[segments.length - 1] ?? '';
    return aiDefinition(last) === undefined
      ? fail(issue('DL_TRAILING_SLASH'))
      : fail(issue('DL_EMPTY_PATH_VALUE', last));
  }
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === '') {
      const before = i > 0 ? segments[i - 1]! : '';
      return fail(issue('DL_EMPTY_PATH_VALUE', aiDefinition(before) === undefined ? undefined : before));
    }
  }

  // Walk AI/value pairs from the right: the rightmost primary-key AI starts the GS1 path, anything
  // before it is the brand's custom stem (which may itself look like "/00/faux").
  let keyAt = -1;
  for (let i = segments.length - 2; i >= 0; i -= 2) {
    const def = aiDefinition(segments[i]!);
    if (def === undefined) break;
    if (def.primaryKey) {
      keyAt = i;
      break;
    }
  }
  if (keyAt < 0) return fail(issue('DL_NO_PRIMARY_KEY'));

  const errors: Gs1Issue[] = [];
  const keyDef = aiDefinition(segments[keyAt]!)!;
  const keyValue = readValue(keyDef, segments[keyAt + 1]!, false, lenient, errors);

  const qualifierAis: string[] = [];
  for (let i = keyAt + 2; i < segments.length; i += 2) qualifierAis.push(segments[i]!);
  const fitting = fittingSequences(keyDef, qualifierAis);
  if (qualifierAis.length > 0 && fitting.length === 0) {
    errors.push(issue('DL_BAD_QUALIFIER_SEQUENCE', keyDef.ai, `/${qualifierAis.join('/')}`));
  }

  const qualifiers: AiValue[] = [];
  const ais: Record<string, string> = {};
  if (keyValue !== undefined) ais[keyDef.ai] = keyValue;
  if (errors.length === 0) {
    for (let i = keyAt + 2; i < segments.length; i += 2) {
      const def = aiDefinition(segments[i]!)!;
      const value = readValue(def, segments[i + 1]!, false, lenient, errors);
      if (value === undefined) continue;
      qualifiers.push({ ai: def.ai, value });
      ais[def.ai] = value;
    }
  }

  const attributes: AiValue[] = [];
  const ignoredParams: IgnoredParam[] = [];
  if (queryStart < end) {
    const query = uri.slice(queryStart + 1, end);
    for (const part of query.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      const raw = eq < 0 ? '' : part.slice(eq + 1);
      if (!isDigits(key)) {
        ignoredParams.push({ key: decodeQueryText(key), value: decodeQueryText(raw) });
        continue;
      }
      const def = aiDefinition(key);
      if (def === undefined) {
        errors.push(issue('DL_UNKNOWN_AI', key));
        continue;
      }
      if (raw === '') {
        errors.push(issue('DL_EMPTY_QUERY_VALUE', key));
        continue;
      }
      if (belongsInPath(key, fitting)) {
        errors.push(issue('DL_QUALIFIER_IN_QUERY', key));
        continue;
      }
      if (!def.dataAttribute) {
        errors.push(issue('DL_NOT_DATA_ATTRIBUTE', key));
        continue;
      }
      if (key in ais) {
        errors.push(issue('DL_DUPLICATE_AI', key));
        continue;
      }
      const value = readValue(def, raw, true, lenient, errors);
      if (value === undefined) continue;
      attributes.push({ ai: key, value });
      ais[key] = value;
    }
  }

  if (errors.length > 0 || keyValue === undefined) return { ok: false, errors };
  const primaryKey: AiValue = { ai: keyDef.ai, value: keyValue };
  const all: AiValue[] = [primaryKey];
  for (const q of qualifiers) all.push(q);
  for (const a of attributes) all.push(a);
  const pairing = pairingIssues(all);
  if (pairing.length > 0) return { ok: false, errors: pairing };

  // Every property is always present (optional ones as undefined) so all results share one shape.
  const data: ParsedDigitalLink = {
    scheme: start === 8 ? 'https' : 'http',
    domain,
    pathPrefix: keyAt === 0 ? '' : `/${segments.slice(0, keyAt).join('/')}`,
    primaryKey,
    qualifiers,
    attributes,
    ais,
    gtin: ais['01'],
    lot: ais['10'],
    serial: ais['21'],
    cpv: ais['22'],
    elementString: elementString(all),
    ignoredParams,
  };
  return { ok: true, data };
}

/**
 * Parses and validates a GS1 Digital Link URI. Never throws: any input, of any type, yields a result.
 * Default mode is strict.
 */
export function parseDigitalLink(uri: string, options?: ParseOptions): ParseResult {
  try {
    return parse(uri, options?.mode === 'lenient');
  } catch (e) {
    return fail(issue('DL_INTERNAL', undefined, e instanceof Error ? e.message : undefined));
  }
}
