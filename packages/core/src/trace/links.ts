import { buildDigitalLink, digitalLinkClass, parseDigitalLink } from '@chophien/gs1';
import { PLATFORM_NAMESPACE } from './lot.ts';

/** What a printed code names: a lot (GS1 (01)+(10), or a platform lot) and maybe one serialised item. */
export interface TraceCode {
  readonly gtin?: string;
  readonly lot: string;
  readonly serial?: string;
}

export const codeNamespace = (code: Pick<TraceCode, 'gtin'>) => code.gtin ?? PLATFORM_NAMESPACE;

const enc = encodeURIComponent;

/** Path (from the resolver root) of a code: `/01/{gtin}/10/{lot}[/21/{serial}]` or the platform form `/l/{lot}[/s/{serial}]`. */
export function codePath(code: TraceCode): string {
  if (code.gtin) {
    const uri = buildDigitalLink({
      gtin: code.gtin,
      lot: code.lot,
      ...(code.serial ? { serial: code.serial } : {}),
    });
    return new URL(uri).pathname;
  }
  return `/l/${enc(code.lot)}${code.serial ? `/s/${enc(code.serial)}` : ''}`;
}

/**
 * The URI printed in the QR: a canonical GS1 Digital Link on the resolver's host when the product has a GTIN
 * (the token rides in the non-numeric `t` parameter that GS1 parsers ignore), else the platform's lot-level URI.
 */
export function printedUri(code: TraceCode, resolverUrl: string, token?: string): string {
  const origin = new URL(resolverUrl);
  if (code.gtin) {
    const uri = buildDigitalLink({
      domain: origin.host,
      gtin: code.gtin,
      lot: code.lot,
      ...(code.serial ? { serial: code.serial } : {}),
      ...(token ? { extraParams: { t: token } } : {}),
    });
    // buildDigitalLink always emits https (as GS1 requires); keep http only for a local resolver.
    return origin.protocol === 'http:' ? uri.replace(/^https:/, 'http:') : uri;
  }
  return `${origin.origin}${codePath(code)}${token ? `?t=${enc(token)}` : ''}`;
}

/** The trace page on the storefront that a browser is sent to. */
export function tracePagePath(code: TraceCode, token?: string): string {
  return `/truy-xuat${codePath(code)}${token ? `?t=${enc(token)}` : ''}`;
}

/** EPCIS class ID of a lot: the canonical id.gs1.org LGTIN, or the platform's lot URI. */
export function lotClassId(code: Pick<TraceCode, 'gtin' | 'lot'>, resolverUrl: string): string {
  if (code.gtin) return digitalLinkClass({ gtin: code.gtin, lot: code.lot });
  return `${new URL(resolverUrl).origin}/l/${enc(code.lot)}`;
}

/** Reads a trace-page or resolver path back into a code; undefined when it is not one of our shapes or not valid GS1. */
export function parseCodePath(path: string): TraceCode | undefined {
  const platform = /^\/l\/([^/]+)(?:\/s\/([^/]+))?\/?$/.exec(path);
  if (platform) {
    try {
      const lot = decodeURIComponent(platform[1]!);
      const serial = platform[2] ? decodeURIComponent(platform[2]) : undefined;
      return serial ? { lot, serial } : { lot };
    } catch {
      return undefined;
    }
  }
  const parsed = parseDigitalLink(`https://x.invalid${path}`, { mode: 'lenient' });
  if (!parsed.ok || !parsed.data.gtin || !parsed.data.lot) return undefined;
  const { gtin, lot, serial } = parsed.data;
  return serial ? { gtin, lot, serial } : { gtin, lot };
}
