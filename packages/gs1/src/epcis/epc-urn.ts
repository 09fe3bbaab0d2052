import { gtinCheckDigit } from '../check-digit.ts';
import { encodeComponent } from '../percent.ts';

/**
 * EPC pure-identity URNs (TDS 2.x) → canonical GS1 Digital Link on id.gs1.org, as the CBV 2.0 event hash
 * requires (rule 17). Only the schemes whose DL form is fixed by the company-prefix split are converted;
 * anything else (ADI, USDoD, BIC, IMOVN, …) is returned unchanged, so the hash still covers it literally.
 */

const DL = 'https://id.gs1.org';

const withCheck = (digits: string) => `${digits}${gtinCheckDigit(digits)}`;

/** EPC URN components escape with %XX (TDS §A); the DL form re-escapes with its own rule. */
function unescapeUrn(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

const digits = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);

/** GTIN-14 of an SGTIN/LGTIN/ITIP: indicator digit first, then the prefix and the rest of the item reference. */
function gtin(companyPrefix: string, itemRef: string): string | undefined {
  if (!digits(companyPrefix) || !digits(itemRef) || companyPrefix.length + itemRef.length !== 13)
    return undefined;
  return withCheck(`${itemRef[0]}${companyPrefix}${itemRef.slice(1)}`);
}

type Converter = (parts: string[]) => string | undefined;

const serialised =
  (ai: string, keyLength: number, qualifierAi?: string): Converter =>
  ([cp, ref, serial]) => {
    if (!digits(cp) || !digits(ref) || serial === undefined) return undefined;
    const key = `${cp}${ref}`;
    if (key.length !== keyLength) return undefined;
    const value = unescapeUrn(serial);
    if (value === undefined) return undefined;
    // GRAI carries a leading zero before the 13-digit key; GDTI/SGCN/GRAI append the serial to the key.
    if (qualifierAi) return `${DL}/${ai}/${withCheck(key)}/${qualifierAi}/${encodeComponent(value)}`;
    const prefix = ai === '8003' ? '0' : '';
    return `${DL}/${ai}/${prefix}${withCheck(key)}${encodeComponent(value)}`;
  };

/** Components per scheme: the last one keeps any further dots (serials may contain them). */
const ARITY: Record<string, number> = {
  sgtin: 3,
  sscc: 2,
  sgln: 3,
  pgln: 2,
  grai: 3,
  gdti: 3,
  sgcn: 3,
  giai: 2,
  gsrn: 2,
  gsrnp: 2,
  ginc: 2,
  gsin: 2,
  cpi: 3,
  itip: 5,
  lgtin: 3,
};

function splitParts(body: string, arity: number): string[] {
  const parts = body.split('.');
  return parts.length <= arity ? parts : [...parts.slice(0, arity - 1), parts.slice(arity - 1).join('.')];
}

const ID_SCHEMES: Record<string, Converter> = {
  sgtin: ([cp, ref, serial]) => {
    const g = cp && ref ? gtin(cp, ref) : undefined;
    const s = serial === undefined ? undefined : unescapeUrn(serial);
    return g && s !== undefined ? `${DL}/01/${g}/21/${encodeComponent(s)}` : undefined;
  },
  sscc: ([cp, ref]) => {
    if (!digits(cp) || !digits(ref) || cp.length + ref.length !== 17) return undefined;
    return `${DL}/00/${withCheck(`${ref[0]}${cp}${ref.slice(1)}`)}`;
  },
  sgln: ([cp, ref, ext]) => {
    if (!digits(cp) || !digits(ref) || cp.length + ref.length !== 12 || ext === undefined) return undefined;
    const gln = withCheck(`${cp}${ref}`);
    const extension = unescapeUrn(ext);
    if (extension === undefined) return undefined;
    // Extension "0" means "no extension" (TDS): the location itself.
    return extension === '0' ? `${DL}/414/${gln}` : `${DL}/414/${gln}/254/${encodeComponent(extension)}`;
  },
  pgln: ([cp, ref]) =>
    digits(cp) && digits(ref) && cp.length + ref.length === 12
      ? `${DL}/417/${withCheck(`${cp}${ref}`)}`
      : undefined,
  grai: serialised('8003', 12),
  gdti: serialised('253', 12),
  sgcn: serialised('255', 12),
  giai: ([cp, ref]) => {
    const value = ref === undefined ? undefined : unescapeUrn(ref);
    return digits(cp) && value !== undefined ? `${DL}/8004/${encodeComponent(`${cp}${value}`)}` : undefined;
  },
  gsrn: ([cp, ref]) =>
    digits(cp) && digits(ref) && cp.length + ref.length === 17
      ? `${DL}/8018/${withCheck(`${cp}${ref}`)}`
      : undefined,
  gsrnp: ([cp, ref]) =>
    digits(cp) && digits(ref) && cp.length + ref.length === 17
      ? `${DL}/8017/${withCheck(`${cp}${ref}`)}`
      : undefined,
  ginc: ([cp, ref]) => {
    const value = ref === undefined ? undefined : unescapeUrn(ref);
    return digits(cp) && value !== undefined ? `${DL}/401/${encodeComponent(`${cp}${value}`)}` : undefined;
  },
  gsin: ([cp, ref]) =>
    digits(cp) && digits(ref) && cp.length + ref.length === 16
      ? `${DL}/402/${withCheck(`${cp}${ref}`)}`
      : undefined,
  cpi: ([cp, ref, serial]) => {
    const value = ref === undefined ? undefined : unescapeUrn(ref);
    if (!digits(cp) || value === undefined || !digits(serial)) return undefined;
    return `${DL}/8010/${encodeComponent(`${cp}${value}`)}/8011/${serial}`;
  },
  itip: ([cp, ref, piece, total, serial]) => {
    const g = cp && ref ? gtin(cp, ref) : undefined;
    const s = serial === undefined ? undefined : unescapeUrn(serial);
    if (!g || !digits(piece) || !digits(total) || s === undefined) return undefined;
    return `${DL}/8006/${g}${piece}${total}/21/${encodeComponent(s)}`;
  },
};

/** urn:epc:id:…, urn:epc:class:lgtin:…, urn:epc:idpat:sgtin:…:* → Digital Link; anything else unchanged. */
export function epcUrnToDigitalLink(uri: string): string {
  const m = /^urn:epc:(id|class|idpat):([a-z]+):(.+)$/.exec(uri);
  if (!m) return uri;
  const [, kind, scheme, body] = m as unknown as [string, string, string, string];
  const parts = splitParts(body, ARITY[scheme] ?? 3);
  let out: string | undefined;
  if (kind === 'id') out = ID_SCHEMES[scheme]?.(parts);
  else if (kind === 'class' && scheme === 'lgtin') {
    const [cp, ref, lot] = parts;
    const g = cp && ref ? gtin(cp, ref) : undefined;
    const l = lot === undefined ? undefined : unescapeUrn(lot);
    if (g && l !== undefined) out = `${DL}/01/${g}/10/${encodeComponent(l)}`;
  } else if (kind === 'idpat' && scheme === 'sgtin') {
    const [cp, ref, star] = parts;
    const g = cp && ref ? gtin(cp, ref) : undefined;
    if (g && star === '*') out = `${DL}/01/${g}`;
  }
  return out ?? uri;
}
