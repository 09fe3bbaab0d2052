import { parseVietQR } from '@chophien/vietqr';
import fc from 'fast-check';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { assertWellFormedXml } from '../../../vietqr/test/xml-check.ts';
import type { Order } from '../../src/marketplace/order.ts';
import { orderVietQR } from '../../src/marketplace/order-view.ts';
import {
  cleanLine,
  cleanText,
  csvField,
  jsonForScript,
  pdfLine,
  qrText,
  toCsv,
  xmlText,
} from '../../src/output/index.ts';
import type { Farm, Lot } from '../../src/trace/index.ts';
import { labelSheetSvg } from '../../src/trace/index.ts';
import { labelSheetPdf } from '../../src/trace/label-pdf.ts';

/**
 * Hostile producer text fed to every serializer (issue 15 item 2): what a farmer, an officer or a stolen
 * session can type into a product name, a household, a note or the name on an account.
 */
const PIECES = [
  '</script><script>alert(1)</script>',
  '</SCRIPT >',
  '<!--',
  '-->',
  '"><img src=x onerror=alert(1)>',
  "' onmouseover='x",
  '&amp;',
  '&',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\t',
  "=cmd|' /C calc'!A0",
  '+1',
  '-2',
  '@SUM(A1)',
  '\uff1d1+1',
  '\u202egnp.exe',
  '\u2066',
  '\ud800',
  '\udfff',
  '🍵',
  '漢字',
  'Đặc sản Hải Dương',
  ']]>',
  '<![CDATA[',
  '\ufffe',
  '\\',
  '$' + '{x}',
  '%00',
  '\u00a0',
  'e\u0301',
  '"',
  ',',
];
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((parts) => parts.join('')),
  fc
    .tuple(
      fc.string({ maxLength: 20 }),
      fc.constantFrom(...PIECES),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    )
    .map((parts) => parts.join('')),
);
const RUNS = { numRuns: 300 };
const XML_FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: controls (but line breaks) and bidi overrides.
const NOT_CARRIED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('clean text: what no output carries', () => {
  it('has no controls but line breaks, no bidi overrides, no lone surrogates; a line has no breaks at all', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const clean = cleanText(text);
        expect(clean).not.toMatch(NOT_CARRIED);
        expect(clean).not.toMatch(XML_FORBIDDEN);
        expect(clean).toBe(clean.normalize('NFC'));
        expect(cleanLine(text)).not.toMatch(/[\r\n\t\u2028\u2029]/);
        expect(cleanText(clean)).toBe(clean);
      }),
      RUNS,
    );
  });
});

describe('XML/SVG (and hand-built HTML)', () => {
  it('never opens a tag or an entity, never carries a character XML forbids, and reads back as the clean text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const out = xmlText(text);
        expect(out).not.toMatch(/[<>"']/);
        expect(out).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        expect(out).not.toMatch(XML_FORBIDDEN);
        expect(unescapeXml(out)).toBe(cleanText(text));
        assertWellFormedXml(`<t a="${out}">${out}</t>`);
      }),
      RUNS,
    );
  });

  it('a label sheet SVG is well-formed whatever the product is called', () => {
    const farm = { id: 'F1', plantingAreaCode: 'VN-HDOR-0105' } as Farm;
    fc.assert(
      fc.property(hostile, (name) => {
        const lot = { id: 'L1', lotCode: 'VTH-1', productName: { vi: name } } as Lot;
        const svg = labelSheetSvg(
          lot,
          farm,
          [{ uri: 'https://r.example/l/VTH-1', serial: 'S1' }],
          'roll-50x30',
        );
        assertWellFormedXml(svg);
        expect(svg).not.toMatch(XML_FORBIDDEN);
      }),
      { numRuns: 100 },
    );
  });
});

describe('JSON inside <script> (JSON-LD)', () => {
  it('cannot close the script or open a comment, and parses back to exactly the same value', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, description) => {
        const value = {
          '@type': 'Product',
          name,
          description,
          offers: [{ name: description, price: 45_000 }],
        };
        const out = jsonForScript(value);
        expect(out).not.toMatch(/[<>&\u2028\u2029]/);
        expect(out.toLowerCase()).not.toContain('</script');
        expect(JSON.parse(out)).toEqual(value);
      }),
      RUNS,
    );
  });
});

/** A strict RFC 4180 reader for the test (quoted fields, doubled quotes, CRLF rows). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV', () => {
  const FORMULA = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;
  it('every cell reads back as written, never as a formula, and rows and columns stay where they were', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostile, hostile, fc.integer()), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const csv = toCsv(['a', 'b', 'n'], rows);
          const read = readCsv(csv);
          expect(read).toHaveLength(rows.length + 1);
          rows.forEach(([a, b, n], i) => {
            const [ra, rb, rn] = read[i + 1]!;
            for (const [cell, original] of [
              [ra, a],
              [rb, b],
            ] as const) {
              const clean = cleanText(original);
              expect(cell).toBe(FORMULA.test(clean) ? `'${clean}` : clean);
              expect(cell).not.toMatch(FORMULA);
            }
            expect(Number(rn)).toBe(n);
          });
        },
      ),
      RUNS,
    );
  });

  it('keeps numbers as numbers (a negative amount is not a formula)', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField('-5')).toBe("'-5");
    expect(csvField(null)).toBe('');
  });
});

describe('PDF text', () => {
  it('is one line, of characters the font has (others shown as ?)', () => {
    const font = new Set([...'abcdefghijklmnopqrstuvwxyzĐặcảHiDươ ?'].map((c) => c.codePointAt(0)!));
    fc.assert(
      fc.property(hostile, (text) => {
        const out = pdfLine(text, (cp) => font.has(cp));
        for (const ch of out) expect(font.has(ch.codePointAt(0)!) || ch === '?').toBe(true);
      }),
      RUNS,
    );
  });

  it('a label PDF is produced and readable whatever the product is called', async () => {
    const farm = { id: 'F1', plantingAreaCode: 'VN-HDOR-0105' } as Farm;
    await fc.assert(
      fc.asyncProperty(hostile, async (name) => {
        const lot = { id: 'L1', lotCode: 'VTH-1', productName: { vi: name } } as Lot;
        const pdf = await labelSheetPdf(
          lot,
          farm,
          [{ uri: 'https://r.example/l/VTH-1', serial: 'S1' }],
          'roll-50x30',
        );
        const doc = await PDFDocument.load(pdf);
        expect(doc.getPageCount()).toBe(1);
      }),
      { numRuns: 15 },
    );
  });
});

describe('QR payloads', () => {
  it('a VietQR built with any name on the account always builds, parses and names it in printable ASCII', () => {
    fc.assert(
      fc.property(hostile, (accountName) => {
        const order = {
          code: 'CP7K2M9Q',
          totalVnd: 90_000,
          paidVnd: 0,
          payTo: { bankBin: '970436', accountNumber: '0451000123999', accountName },
        } as Order;
        const payload = orderVietQR(order);
        const parsed = parseVietQR(payload);
        expect(parsed.ok).toBe(true);
        const name = qrText(accountName, 25);
        if (parsed.ok) expect(parsed.data.merchantName ?? '').toBe(name);
        expect(name).toMatch(/^[\x20-\x7e]{0,25}$/);
      }),
      RUNS,
    );
  });

  it('folds Vietnamese to what bank apps show', () => {
    expect(qrText('Nguyễn Thị Đào\u202e', 25)).toBe('Nguyen Thi Dao');
  });
});
