/** JSON-LD context of every document we emit: the EPCIS 2.0 context plus our own prefix for extensions. */

export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
export const CHOPHIEN_CONTEXT_PREFIX = 'cp';
export const CHOPHIEN_NAMESPACE = 'https://chophien.vn/epcis/';

export type EpcisContext = readonly [string, Readonly<Record<string, string>>];

export function epcisContext(namespace: string = CHOPHIEN_NAMESPACE): EpcisContext {
  return [EPCIS_CONTEXT_URL, { [CHOPHIEN_CONTEXT_PREFIX]: namespace }];
}

/** Extension keys must be compact IRIs; a bare key ("farm") gets our prefix ("cp:farm"). */
export function extensionKey(key: string): string {
  return key.includes(':') ? key : `${CHOPHIEN_CONTEXT_PREFIX}:${key}`;
}
