import { describe, expect, it } from 'vitest';
import {
  buildDigitalLink,
  canonicalDigitalLink,
  Gs1Error,
  type Gs1ErrorCode,
  humanReadable,
  type ParsedDigitalLink,
  parseDigitalLink,
} from '../src/index.ts';

const GTIN = '09520123456788';
const VN_GTIN = '08931234567897';

function ok(uri: string, mode: 'strict' | 'lenient' = 'strict'): ParsedDigitalLink {
  const r = parseDigitalLink(uri, { mode });
  if (!r.ok) throw new Error(`expected valid: ${uri} → ${JSON.stringify(r.errors)}`);
  return r.data;
}

function codes(uri: string, mode: 'strict' | 'lenient' = 'strict'): Gs1ErrorCode[] {
  const r = parseDigitalLink(uri, { mode });
  if (r.ok) throw new Error(`expected invalid: ${uri}`);
  return r.errors.map((e) => e.code);
}

describe('parseDigitalLink', () => {
  it('returns the structured parts', () => {
    const d = ok(`https://trace.chophien.vn/p/sp/01/${VN_GTIN}/10/L2405/21/S1?7007=240501&t=abc#x`);
    expect(d.scheme).toBe('https');
    expect(d.domain).toBe('trace.chophien.vn');
    expect(d.pathPrefix).toBe('/p/sp');
    expect(d.primaryKey).toEqual({ ai: '01', value: VN_GTIN });
    expect(d.qualifiers).toEqual([
      { ai: '10', value: 'L2405' },
      { ai: '21', value: 'S1' },
    ]);
    expect(d.attributes).toEqual([{ ai: '7007', value: '240501' }]);
    expect(d.gtin).toBe(VN_GTIN);
    expect(d.lot).toBe('L2405');
    expect(d.serial).toBe('S1');
    expect(d.ignoredParams).toEqual([{ key: 't', value: 'abc' }]);
    expect(d.elementString).toBe(`^01${VN_GTIN}10L2405^21S1^7007240501`);
  });

  it('never throws, whatever it is given', () => {
    for (const input of [
      undefined,
      null,
      42,
      {},
      [],
      '',
      'https://',
      'https:///',
      '%',
      '?',
      '#',
    ] as unknown[]) {
      const r = parseDigitalLink(input as string);
      expect(r.ok).toBe(false);
    }
    expect(codes(42 as unknown as string)).toEqual(['DL_NOT_A_STRING']);
  });

  it('rejects URIs over the length bound', () => {
    expect(codes(`https://a/01/${GTIN}?99=${'A'.repeat(9000)}`)).toEqual(['DL_TOO_LONG']);
  });

  it('accepts http/https in all-lower or all-upper case only', () => {
    expect(ok(`http://a/01/${GTIN}`).scheme).toBe('http');
    expect(ok(`HTTP://a/01/${GTIN}`).scheme).toBe('http');
    expect(codes(`Https://a/01/${GTIN}`)).toEqual(['DL_BAD_SCHEME']);
    expect(codes(`ftp://a/01/${GTIN}`)).toEqual(['DL_BAD_SCHEME']);
  });

  it('accepts ports and IPv6 hosts, rejects bad domain characters', () => {
    expect(ok(`https://localhost:8080/01/${GTIN}`).domain).toBe('localhost:8080');
    expect(ok(`https://[::1]:3000/01/${GTIN}`).domain).toBe('[::1]:3000');
    expect(codes(`https://a_b/01/${GTIN}`)).toEqual(['DL_BAD_DOMAIN']);
    expect(codes(`https:///01/${GTIN}`)).toEqual(['DL_BAD_DOMAIN']);
    expect(codes(`https://u@a/01/${GTIN}`)).toEqual(['DL_BAD_DOMAIN']);
  });

  it('rejects characters outside RFC 3986 (space, quotes, non-ASCII, backslash, caret)', () => {
    for (const bad of [' ', '"', 'ư', '\\', '^', '`', '|']) {
      expect(codes(`https://a/01/${GTIN}/10/A${bad}B`)).toEqual(['DL_BAD_URI_CHAR']);
    }
  });

  it('enforces the key-qualifier order and alternatives', () => {
    for (const path of [
      '',
      '/21/s',
      '/10/l',
      '/10/l/21/s',
      '/22/v',
      '/22/v/21/s',
      '/22/v/10/l',
      '/22/v/10/l/21/s',
      '/235/t',
    ]) {
      ok(`https://a/01/${GTIN}${path}`);
    }
    expect(codes(`https://a/01/${GTIN}/21/s/10/l`)).toEqual(['DL_BAD_QUALIFIER_SEQUENCE']);
    expect(codes(`https://a/01/${GTIN}/99/x`)).toEqual(['DL_BAD_QUALIFIER_SEQUENCE']);
    expect(codes(`https://a/01/${GTIN}/22/v/235/t`)).toEqual(['DL_BAD_QUALIFIER_SEQUENCE']);
    expect(codes(`https://a/01/${GTIN}/10/a/10/b`)).toEqual(['DL_BAD_QUALIFIER_SEQUENCE']);
  });

  it('handles other primary keys (SSCC, GLN + 254, GIAI + 7040) and their check digits', () => {
    expect(ok('https://a/00/006141411234567890').primaryKey.ai).toBe('00');
    expect(codes('https://a/00/006141411234567891')).toEqual(['DL_BAD_CHECK_DIGIT']);
    const gln = ok('https://a/414/8931234000004/254/KHO-1');
    expect(gln.qualifiers).toEqual([{ ai: '254', value: 'KHO-1' }]);
    expect(codes('https://a/414/8931234000005')).toEqual(['DL_BAD_CHECK_DIGIT']);
    expect(ok('https://a/8004/8931234ABC/7040/1ABC').qualifiers[0]?.ai).toBe('7040');
  });

  it('flags a qualifier placed in the query, unless another qualifier branch was chosen', () => {
    expect(codes(`https://a/01/${GTIN}?10=ABC`)).toEqual(['DL_QUALIFIER_IN_QUERY']);
    expect(codes(`https://a/01/${GTIN}/21/s?10=ABC`)).toEqual(['DL_QUALIFIER_IN_QUERY']);
    expect(codes(`https://a/01/${GTIN}?21=1`)).toEqual(['DL_QUALIFIER_IN_QUERY']);
    expect(ok(`https://a/01/${GTIN}/235/t?10=ABC`).lot).toBe('ABC');
  });

  it('accepts only permitted data attributes and known AIs in the query', () => {
    expect(codes(`https://a/01/${GTIN}?999=x`)).toEqual(['DL_UNKNOWN_AI']);
    expect(codes(`https://a/00/006141411234567890?7040=1ABC`)).toEqual(['DL_NOT_DATA_ATTRIBUTE']);
    expect(codes(`https://a/01/${GTIN}?01=${GTIN}`)).toEqual(['DL_DUPLICATE_AI']);
    expect(codes(`https://a/01/${GTIN}?17=261231&17=261231`)).toEqual(['DL_DUPLICATE_AI']);
  });

  it('tolerates empty & runs and keeps non-numeric params aside', () => {
    const d = ok(`https://a/01/${GTIN}?&&17=261231&&linkType=gs1:pip&singleton&t=a%20b+c`);
    expect(d.attributes).toEqual([{ ai: '17', value: '261231' }]);
    expect(d.ignoredParams).toEqual([
      { key: 'linkType', value: 'gs1:pip' },
      { key: 'singleton', value: '' },
      { key: 't', value: 'a b c' },
    ]);
  });

  it('checks dates: day 00 only where allowed, 7007 single or range, leap years', () => {
    ok(`https://a/01/${GTIN}?17=260200`);
    ok(`https://a/01/${GTIN}?11=260200&13=260200&15=260200&16=260200`);
    ok(`https://a/01/${GTIN}?15=240229`);
    expect(codes(`https://a/01/${GTIN}?15=250229`)).toEqual(['DL_BAD_DATE']);
    expect(codes(`https://a/01/${GTIN}?17=261301`)).toEqual(['DL_BAD_DATE']);
    expect(codes(`https://a/01/${GTIN}?17=260431`)).toEqual(['DL_BAD_DATE']);
    ok(`https://a/01/${GTIN}?7007=240501`);
    ok(`https://a/01/${GTIN}?7007=240501240505`);
    expect(codes(`https://a/01/${GTIN}?7007=240500`)).toEqual(['DL_BAD_DATE']);
    expect(codes(`https://a/01/${GTIN}?7007=240501240500`)).toEqual(['DL_BAD_DATE']);
    expect(codes(`https://a/01/${GTIN}?7007=2405012405`)).toEqual(['DL_VALUE_TOO_SHORT']);
    expect(codes(`https://a/01/${GTIN}?7007=2405012405051`)).toEqual(['DL_VALUE_TOO_LONG']);
    expect(codes(`https://a/01/${GTIN}?17=26123`)).toEqual(['DL_VALUE_TOO_SHORT']);
    expect(codes(`https://a/01/${GTIN}?17=26123a`)).toEqual(['DL_NOT_NUMERIC']);
  });

  it('applies the dictionary req= / ex= pairings', () => {
    expect(codes('https://a/8004/8931234ABC?10=L1')).toEqual(['DL_REQUIRED_AI_MISSING']);
    expect(codes('https://a/8004/8931234ABC?17=261231')).toEqual(['DL_REQUIRED_AI_MISSING']);
    ok(`https://a/01/${GTIN}/21/S1?8030=MEUCIQDabc-_`);
    expect(codes(`https://a/01/${GTIN}/10/L1?8030=MEUCIQDabc`)).toEqual(['DL_REQUIRED_AI_MISSING']);
    expect(codes(`https://a/01/${GTIN}?422=704&426=704`)).toEqual(['DL_EXCLUDED_AI_PAIR']);
    expect(codes(`https://a/01/${GTIN}?427=SG`)).toEqual(['DL_REQUIRED_AI_MISSING']);
    ok(`https://a/01/${GTIN}?422=704&427=HN`);
    expect(codes(`https://a/01/${GTIN}?3103=000195&3102=001950`)).toEqual([
      'DL_EXCLUDED_AI_PAIR',
      'DL_EXCLUDED_AI_PAIR',
    ]);
  });

  it('decodes percent-escapes; "+" is literal in the path and a space in the query', () => {
    expect(ok(`https://a/01/${GTIN}/10/A+B`).lot).toBe('A+B');
    expect(ok(`https://a/01/${GTIN}/10/A%2bB%2F1`).lot).toBe('A+B/1');
    expect(codes(`https://a/01/${GTIN}?99=A+B`)).toEqual(['DL_BAD_CSET82']);
    expect(ok(`https://a/01/${GTIN}?99=A%2BB`).ais['99']).toBe('A+B');
    expect(codes(`https://a/01/${GTIN}/10/A%00`)).toEqual(['DL_NULL_CHARACTER']);
  });

  it('strict rejects malformed escapes; lenient keeps them as typed', () => {
    expect(codes(`https://a/01/${GTIN}/10/A%4g`)).toEqual(['DL_BAD_PERCENT_ENCODING']);
    expect(codes(`https://a/01/${GTIN}/10/A%`)).toEqual(['DL_BAD_PERCENT_ENCODING']);
    expect(ok(`https://a/01/${GTIN}/10/A%4g`, 'lenient').lot).toBe('A%4g');
  });

  it('strict requires GTIN-14; lenient pads GTIN-8/12/13 but still checks the digit', () => {
    expect(codes('https://a/01/8931234567897')).toEqual(['DL_VALUE_TOO_SHORT']);
    expect(ok('https://a/01/8931234567897', 'lenient').gtin).toBe(VN_GTIN);
    expect(codes('https://a/01/8931234567898', 'lenient')).toEqual(['DL_BAD_CHECK_DIGIT']);
    expect(codes('https://a/01/89312345678', 'lenient')).toEqual(['DL_VALUE_TOO_SHORT']);
  });

  it('rejects trailing slashes, empty segments, and paths without a key', () => {
    expect(codes(`https://a/01/${GTIN}/`)).toEqual(['DL_TRAILING_SLASH']);
    expect(codes(`https://a/01/${GTIN}/21/`)).toEqual(['DL_EMPTY_PATH_VALUE']);
    expect(codes(`https://a//01/${GTIN}`)).toEqual(['DL_EMPTY_PATH_VALUE']);
    expect(codes('https://a')).toEqual(['DL_NO_PRIMARY_KEY']);
    expect(codes('https://a/?01=1')).toEqual(['DL_NO_PRIMARY_KEY']);
    expect(codes('https://a/gtin/09520123456788')).toEqual(['DL_NO_PRIMARY_KEY']);
  });

  it('gives bilingual messages with the AI in them', () => {
    const r = parseDigitalLink(`https://a/01/${GTIN}?10=ABC`);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.ai).toBe('10');
    expect(r.errors[0]?.message.en).toContain('AI (10)');
    expect(r.errors[0]?.message.vi).toContain('AI (10)');
  });
});

describe('buildDigitalLink / canonicalDigitalLink / humanReadable', () => {
  it('emits the canonical form', () => {
    expect(buildDigitalLink({ gtin: '8931234567897', lot: 'L2405', serial: 'S1' })).toBe(
      `https://id.gs1.org/01/${VN_GTIN}/10/L2405/21/S1`,
    );
    expect(
      buildDigitalLink({
        domain: 'trace.chophien.vn',
        pathPrefix: '/p/',
        gtin: VN_GTIN,
        cpv: 'V1',
        lot: 'A+B',
        attributes: { '7007': '240501240505', '17': '260200', '422': '704' },
        extraParams: { t: 'sig/abc=' },
      }),
    ).toBe(
      `https://trace.chophien.vn/p/01/${VN_GTIN}/22/V1/10/A%2BB?17=260200&422=704&7007=240501240505&t=sig%2Fabc%3D`,
    );
  });

  it('throws Gs1Error with a stable code on bad input', () => {
    const attempts: [() => unknown, Gs1ErrorCode][] = [
      [() => buildDigitalLink({ gtin: '09520123456789' }), 'GTIN_INVALID'],
      [() => buildDigitalLink({ gtin: GTIN, lot: 'Lô 1' }), 'DL_BAD_CSET82'],
      [() => buildDigitalLink({ gtin: GTIN, lot: 'X'.repeat(21) }), 'DL_VALUE_TOO_LONG'],
      [() => buildDigitalLink({ gtin: GTIN, attributes: { '10': 'L1' } }), 'DL_QUALIFIER_IN_QUERY'],
      [() => buildDigitalLink({ gtin: GTIN, attributes: { '17': '261332' } }), 'DL_BAD_DATE'],
      [() => buildDigitalLink({ gtin: GTIN, extraParams: { '99': 'x' } }), 'BUILD_BAD_INPUT'],
      [() => buildDigitalLink({ gtin: GTIN, domain: 'bad_domain' }), 'DL_BAD_DOMAIN'],
    ];
    for (const [attempt, code] of attempts) {
      try {
        attempt();
        expect.unreachable(`expected ${code}`);
      } catch (e) {
        expect(e).toBeInstanceOf(Gs1Error);
        expect((e as Gs1Error).code).toBe(code);
      }
    }
  });

  it('canonicalises custom domains, short GTINs, attribute order and extra params', () => {
    const d = ok(
      `HTTP://shop.example.vn/x/y/01/8931234567897/10/L%2d1?7007=240501&17=260200&t=zz#frag`,
      'lenient',
    );
    expect(canonicalDigitalLink(d)).toBe(`https://id.gs1.org/01/${VN_GTIN}/10/L-1?17=260200&7007=240501`);
    const same = ok(`https://id.gs1.org/01/${VN_GTIN}/10/L-1?17=260200&7007=240501`);
    expect(canonicalDigitalLink(same)).toBe(canonicalDigitalLink(d));
  });

  it('renders the human-readable line for labels', () => {
    expect(humanReadable(ok(`https://a/01/${GTIN}/10/ABC1`))).toBe(`(01)${GTIN}(10)ABC1`);
    expect(humanReadable(ok(`https://a/01/${GTIN}/10/ABC1/21/7?17=260200`))).toBe(
      `(01)${GTIN}(10)ABC1(21)7(17)260200`,
    );
  });
});
