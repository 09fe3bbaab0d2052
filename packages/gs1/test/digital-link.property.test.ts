import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDigitalLink, canonicalDigitalLink, gtinCheckDigit, parseDigitalLink } from '../src/index.ts';

const CSET82 = [...'!"%&\'()*+,-./:;<=>?_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
const cset82 = (max: number) => fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: max });
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const pad2 = (n: number) => String(n).padStart(2, '0');

const gtin = fc
  .oneof(
    digits(13),
    digits(12),
    digits(11).map((d) => `0${d}`),
  )
  .map((body) => `${body}${gtinCheckDigit(body)}`);

const yymmdd = (dayZero: boolean) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: dayZero ? 0 : 1, max: 28 }),
    )
    .map(([y, m, d]) => `${pad2(y)}${pad2(m)}${pad2(d)}`);

const attributes = fc.record(
  {
    '11': yymmdd(true),
    '13': yymmdd(true),
    '15': yymmdd(true),
    '17': yymmdd(true),
    '7007': fc.oneof(
      yymmdd(false),
      fc.tuple(yymmdd(false), yymmdd(false)).map(([a, b]) => a + b),
    ),
    '422': digits(3),
    '3103': digits(6),
    '7230': fc
      .tuple(
        cset82(2).filter((s) => s.length === 2),
        cset82(28),
      )
      .map(([a, b]) => a + b),
    '99': cset82(90),
  },
  { requiredKeys: [] },
);

const extraParams = fc.dictionary(
  fc.stringMatching(/^[a-z][A-Za-z_]{0,8}$/),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  {
    maxKeys: 3,
  },
);

const input = fc.record(
  {
    gtin,
    cpv: cset82(20),
    lot: cset82(20),
    serial: cset82(20),
    attributes,
    extraParams,
    domain: fc.constantFrom('id.gs1.org', 'trace.chophien.vn', 'localhost:3000'),
    pathPrefix: fc.constantFrom('', '/p', '/00/faux', '/truy-xuat/sp'),
  },
  { requiredKeys: ['gtin'] },
);

describe('Digital Link properties', () => {
  it('build → parse round-trips every valid GTIN, qualifier, attribute and extra param', () => {
    fc.assert(
      fc.property(input, (x) => {
        const uri = buildDigitalLink(x);
        const r = parseDigitalLink(uri, { mode: 'strict' });
        if (!r.ok) throw new Error(`${uri}: ${JSON.stringify(r.errors)}`);
        const d = r.data;
        expect(d.gtin).toBe(x.gtin.padStart(14, '0'));
        expect(d.cpv).toBe(x.cpv);
        expect(d.lot).toBe(x.lot);
        expect(d.serial).toBe(x.serial);
        expect(Object.fromEntries(d.attributes.map((a) => [a.ai, a.value]))).toEqual(x.attributes ?? {});
        expect(d.ignoredParams).toEqual(
          Object.entries(x.extraParams ?? {}).map(([key, value]) => ({ key, value })),
        );
        expect(d.domain).toBe(x.domain ?? 'id.gs1.org');
        // The canonical form is a fixed point and is what build emits on the canonical domain.
        const canonical = canonicalDigitalLink(d);
        const again = parseDigitalLink(canonical);
        expect(again.ok && canonicalDigitalLink(again.data)).toBe(canonical);
        const plain = buildDigitalLink({
          ...x,
          domain: undefined,
          pathPrefix: undefined,
          extraParams: undefined,
        });
        expect(plain).toBe(canonical);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const r = parseDigitalLink(s);
        expect(typeof r.ok).toBe('boolean');
        expect(typeof parseDigitalLink(`https://a/01/${s}`).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutated valid links, and any accepted mutation re-canonicalises', () => {
    const alphabet = [..."/?&=#%+01234567829aZ-_.~:@!$'()*,;[] \u00e9"];
    fc.assert(
      fc.property(
        input,
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...alphabet)), { maxLength: 4 }),
        (x, edits) => {
          let uri = buildDigitalLink(x);
          for (const [at, ch] of edits) {
            const i = at % (uri.length + 1);
            uri = uri.slice(0, i) + ch + uri.slice(i);
          }
          const r = parseDigitalLink(uri, { mode: 'lenient' });
          if (r.ok) expect(parseDigitalLink(canonicalDigitalLink(r.data)).ok).toBe(true);
          else expect(r.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
