import type { Gs1Issue } from './errors.ts';

export interface AiValue {
  readonly ai: string;
  readonly value: string;
}

/**
 * strict: GS1 Digital Link 1.6 as GS1's reference engine applies it by default (GTIN must be 14 digits,
 * malformed %-escapes rejected). lenient: zero-suppressed GTIN-8/12/13 are padded to 14 digits and
 * malformed %-escapes are kept as typed — for reading old labels, never for generating.
 */
export type DigitalLinkMode = 'strict' | 'lenient';

export interface ParseOptions {
  readonly mode?: DigitalLinkMode;
}

export interface IgnoredParam {
  readonly key: string;
  readonly value: string;
}

export interface ParsedDigitalLink {
  readonly scheme: 'http' | 'https';
  /** host[:port] exactly as written. */
  readonly domain: string;
  /** Custom stem before the primary key, "" or e.g. "/p/truy-xuat". */
  readonly pathPrefix: string;
  readonly primaryKey: AiValue;
  /** Key qualifiers from the path, in path order (which is the standard order). */
  readonly qualifiers: readonly AiValue[];
  /** GS1 data attributes from the query, in query order. */
  readonly attributes: readonly AiValue[];
  /** Every AI (path and query) by AI number, decoded. */
  readonly ais: Readonly<Record<string, string>>;
  /** Always 14 digits when present. */
  readonly gtin?: string;
  readonly lot?: string;
  readonly serial?: string;
  readonly cpv?: string;
  /** GS1 element string, FNC1 written as "^": "^0109520123456788" + "10ABC1^21…". */
  readonly elementString: string;
  /** Query parameters whose key is not all digits (linkType, t, utm_…), decoded, in order. */
  readonly ignoredParams: readonly IgnoredParam[];
}

export type ParseResult =
  | { readonly ok: true; readonly data: ParsedDigitalLink }
  | { readonly ok: false; readonly errors: readonly Gs1Issue[] };
