import { readFileSync } from 'node:fs';
import { parseDigitalLink } from '@chophien/gs1';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import {
  type Farm,
  type Lot,
  labelSheetSvg,
  lotEpcisDocument,
  parseCodePath,
  printedUri,
  type TraceEvent,
  tracePagePath,
} from '../../src/trace/index.ts';

const schema = JSON.parse(
  readFileSync(new URL('../../../gs1/test/fixtures/epcis/EPCIS-JSON-Schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const farm: Farm = {
  id: 'F1',
  ownerId: 'U1',
  householdName: 'Hộ Phạm Văn Hùng',
  province: 'Hải Phòng',
  commune: 'xã Thanh Hà',
  plantingAreaCode: 'VN-HDOR-0105',
  packingHouseCode: 'VN-HDPH-0003',
  certifications: [],
  createdAt: '2026-06-01T00:00:00.000Z',
  createdBy: 'U1',
};
const lot = (gtin?: string): Lot => ({
  id: 'L1',
  lotCode: 'VTH260612-B7',
  farmId: 'F1',
  ownerId: 'U1',
  productName: { vi: 'Vải thiều Thanh Hà' },
  ...(gtin ? { gtin } : {}),
  quantity: 850,
  unit: 'kg',
  harvestDate: '2026-06-12',
  serialCount: 0,
  createdAt: '2026-06-12T00:00:00.000Z',
  createdBy: 'U1',
});
const ev = (n: number, data: Record<string, unknown>): TraceEvent =>
  ({
    id: `E${n}`,
    lotId: 'L1',
    recordedAt: '2026-06-13T00:00:00.000Z',
    recordedBy: 'U1',
    ...data,
  }) as TraceEvent;
const events: TraceEvent[] = [
  ev(1, {
    type: 'input',
    time: '2026-05-20T22:30:00.000Z',
    input: { kind: 'pesticide', name: 'Abamectin', preHarvestIntervalDays: 14 },
  }),
  ev(2, { type: 'harvesting', time: '2026-06-11T22:30:00.000Z', quantity: 850, unit: 'kg' }),
  ev(3, { type: 'cooling', time: '2026-06-12T02:00:00.000Z', temperatureC: 4 }),
  ev(4, { type: 'packing', time: '2026-06-12T05:00:00.000Z', quantity: 170, unit: 'box' }),
  ev(5, { type: 'shipping', time: '2026-06-12T10:00:00.000Z', to: 'Chợ Long Biên' }),
  ev(6, { type: 'receiving', time: '2026-06-12T13:30:00.000Z', by: 'Chợ Long Biên', onBehalfBy: 'O1' }),
];

describe('EPCIS document of a lot', () => {
  it.each([
    ['with a GTIN', '08934588012228'],
    ['platform lot', undefined],
  ])('validates against the official EPCIS 2.0 JSON Schema (%s)', (_name, gtin) => {
    const doc = lotEpcisDocument(
      lot(gtin),
      farm,
      events,
      'https://truyxuat.chophien.vn',
      new Date('2026-06-13T00:00:00Z'),
    );
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const list = doc.epcisBody.eventList;
    expect(list.map((e) => e.type)).toEqual([
      'ObjectEvent',
      'ObjectEvent',
      'ObjectEvent',
      'TransformationEvent',
      'ObjectEvent',
      'ObjectEvent',
    ]);
    expect(list.map((e) => e['bizStep'])).toEqual([
      'https://chophien.vn/voc/bizstep/input_application',
      'https://chophien.vn/voc/bizstep/harvesting',
      'https://chophien.vn/voc/bizstep/cooling',
      'packing',
      'shipping',
      'receiving',
    ]);
    const epcClass = (list[1]!['quantityList'] as Array<{ epcClass: string }>)[0]!.epcClass;
    expect(epcClass).toBe(
      gtin ? `https://id.gs1.org/01/${gtin}/10/VTH260612-B7` : 'https://truyxuat.chophien.vn/l/VTH260612-B7',
    );
    expect(list[5]!['cp:recordedOnBehalf']).toBe(true);
  });
});

const cset82Lot = fc.stringMatching(/^[A-Za-z0-9\-._]{1,20}$/).filter((s) => s !== '.' && s !== '..'); // the lot schema refuses dot-only codes
const gtin14 = fc.stringMatching(/^\d{13}$/).map((body) => {
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += Number(body[12 - i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
});

describe('printed codes', () => {
  it('a printed GS1 URI is a valid strict Digital Link and reads back to the same code (property)', () => {
    fc.assert(
      fc.property(
        gtin14,
        cset82Lot,
        fc.option(fc.stringMatching(/^[0-9A-Z]{10}$/), { nil: undefined }),
        (gtin, lotCode, serial) => {
          const code = { gtin, lot: lotCode, ...(serial ? { serial } : {}) };
          const uri = printedUri(
            code,
            'https://truyxuat.chophien.vn',
            serial ? 'tok_tok_tok_tok1' : undefined,
          );
          const parsed = parseDigitalLink(uri, { mode: 'strict' });
          expect(parsed.ok).toBe(true);
          expect(parseCodePath(new URL(uri).pathname)).toEqual(code);
          expect(tracePagePath(code).startsWith('/truy-xuat/01/')).toBe(true);
        },
      ),
    );
  });
  it('platform lot codes use /l/{lot}[/s/{serial}] and read back', () => {
    fc.assert(
      fc.property(cset82Lot, (lotCode) => {
        const uri = printedUri({ lot: lotCode, serial: 'ABC' }, 'https://truyxuat.chophien.vn');
        expect(parseCodePath(new URL(uri).pathname)).toEqual({ lot: lotCode, serial: 'ABC' });
      }),
    );
  });
  it('anything else is not a code', () => {
    for (const path of ['/', '/01/123/10/A', '/l/', '/01/08934588012229/10/A', '/x/y'])
      expect(parseCodePath(path)).toBeUndefined();
  });
});

describe('label sheet', () => {
  it.each(['50x30', '40x30', '70x40', '100x50'] as const)(
    'a %s label shows the text and its QR decodes to the URI',
    (size) => {
      const uri = printedUri(
        { gtin: '08934588012228', lot: 'VTH260612-B7', serial: 'ABCDEFGHJK' },
        'https://truyxuat.chophien.vn',
        'abcdefghijklmnop',
      );
      const svg = labelSheetSvg(lot('08934588012228'), farm, [{ uri, serial: 'ABCDEFGHJK' }], size);
      expect(svg).toContain('Vải thiều Thanh Hà');
      expect(svg).toContain('VN-HDOR-0105');
      expect(svg).toContain('12/06/2026');
      expect(svg).toContain('(01)08934588012228(10)VTH260612-B7(21)ABCDEFGHJK');
      const match = /viewBox="0 0 (\d+) \1"[^>]*>.*?<path d="([^"]+)"/.exec(svg)!;
      const modules = Number(match[1]);
      const scale = 4;
      const px = modules * scale;
      const data = new Uint8ClampedArray(px * px * 4).fill(255);
      for (const run of match[2]!.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
        const [x, y, w] = [Number(run[1]), Number(run[2]), Number(run[3])];
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < w * scale; dx++)
            data.fill(
              0,
              ((y * scale + dy) * px + x * scale + dx) * 4,
              ((y * scale + dy) * px + x * scale + dx) * 4 + 3,
            );
      }
      expect(jsQR(data, px, px)?.data).toBe(uri);
    },
  );
  it('escapes XML in names and spreads 100 labels over several A4 pages', () => {
    const named = { ...lot(), productName: { vi: 'Chè <Tân Cương> & "đặc biệt"' } };
    const svg = labelSheetSvg(
      named,
      farm,
      Array.from({ length: 100 }, () => ({ uri: 'https://x.vn/l/A' })),
      '50x30',
    );
    expect(svg).toContain('Chè &lt;Tân Cương&gt; &amp; &quot;đặc');
    // 50x30 on A4: 3 columns × 9 rows = 27 a page, so 100 labels take 4 pages.
    expect(svg).toContain('height="1188mm"');
  });
});
