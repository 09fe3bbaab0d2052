import { parseDigitalLink } from '../parse-digital-link.ts';
import { encodeComponent } from '../percent.ts';

/**
 * CBV 2.0 event hash rule 18: a Digital Link as it enters the pre-hash string is "constrained canonical":
 * id.gs1.org, no query string, and only the finest identification level among 00 / 01 / 01 21 / 01 10 /
 * 01 235 / 253 / 255 / 401 / 402 / 414 / 414 254 / 417 / 8003 / 8004 / 8006 / 8006 21 / 8006 10 / 8010 /
 * 8010 8011 / 8017 / 8018. So `…/01/g/10/L/21/S?17=…` becomes `…/01/g/21/S`, and `…/01/g/22/V` becomes `…/01/g`.
 */
const FINEST_QUALIFIER: Readonly<Record<string, readonly string[]>> = {
  '01': ['21', '10', '235'],
  '414': ['254'],
  '8006': ['21', '10'],
  '8010': ['8011'],
};

/** The constrained canonical form, or undefined when `uri` is not a GS1 Digital Link. */
export function buildConstrainedDigitalLink(uri: string): string | undefined {
  const parsed = parseDigitalLink(uri, { mode: 'lenient' });
  if (!parsed.ok) return undefined;
  const { primaryKey, qualifiers, gtin } = parsed.data;
  const key = primaryKey.ai === '01' && gtin ? gtin : primaryKey.value;
  let path = `/${primaryKey.ai}/${encodeComponent(key)}`;
  for (const ai of FINEST_QUALIFIER[primaryKey.ai] ?? []) {
    const q = qualifiers.find((x) => x.ai === ai);
    if (q) {
      path += `/${q.ai}/${encodeComponent(q.value)}`;
      break;
    }
  }
  return `https://id.gs1.org${path}`;
}
