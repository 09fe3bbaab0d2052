import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  type Farm,
  type LabelSize,
  type Lot,
  labelSheetSvg,
  labelSheets,
  labelsPerPage,
  layoutLabels,
} from '../../src/trace/index.ts';
import { labelSheetPdf } from '../../src/trace/label-pdf.ts';

const farm = { id: 'F1', plantingAreaCode: 'VN-HDOR-0105' } as Farm;
const lot = {
  id: 'L1',
  lotCode: 'VTH260612-B7',
  productName: { vi: 'Vải thiều Thanh Hà đặc sản loại một xuất khẩu' },
  harvestDate: '2026-06-12',
  gtin: '08934588012228',
} as Lot;
const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    uri: `https://truyxuat.chophien.vn/01/08934588012228/10/VTH260612-B7/21/S${i}?t=abcdefghijklmnop`,
    serial: `S${i}`,
  }));
const sizes = Object.keys(labelSheets) as LabelSize[];

describe('label sheet layouts', () => {
  it.each(sizes)('%s: every label and its QR lie on the page and labels never overlap', (size) => {
    const sheet = labelSheets[size];
    const [page] = layoutLabels(lot, farm, items(labelsPerPage(size)), size);
    expect(page!.labels).toHaveLength(sheet.columns * sheet.rows);
    for (const label of page!.labels) {
      expect(label.x).toBeGreaterThanOrEqual(0);
      expect(label.y).toBeGreaterThanOrEqual(0);
      expect(label.x + label.width).toBeLessThanOrEqual(sheet.page.width + 1e-9);
      expect(label.y + label.height).toBeLessThanOrEqual(sheet.page.height + 1e-9);
      expect(label.qr.x + label.qr.size).toBeLessThanOrEqual(label.x + label.width);
      expect(label.qr.y + label.qr.size).toBeLessThanOrEqual(label.y + label.height);
    }
    expect(sheet.pitch.x).toBeGreaterThanOrEqual(sheet.label.width);
    expect(sheet.pitch.y).toBeGreaterThanOrEqual(sheet.label.height);
  });

  it('a long product name wraps onto two lines, then is clipped', () => {
    const [page] = layoutLabels(lot, farm, items(1), '38x21.2');
    const lines = page!.labels[0]!.texts.filter((t) => t.bold).map((t) => t.text);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.startsWith('Vải thiều')).toBe(true);
  });
});

// pdf-lib and fontkit are slow on a busy 2-core machine: allow for it (no timing is asserted).
describe('PDF and SVG from the same layout', { timeout: 30_000 }, () => {
  it.each([
    ['38x21.2', 66, 2],
    ['63.5x38.1', 22, 2],
    ['70x37', 24, 1],
    ['roll-50x30', 4, 4],
    ['50x30', 28, 2],
  ] as const)('%s with %i labels: %i pages in both formats', async (size, count, pages) => {
    const pdf = await PDFDocument.load(await labelSheetPdf(lot, farm, items(count), size));
    expect(pdf.getPageCount()).toBe(pages);
    const sheet = labelSheets[size];
    const mm = (points: number) => Math.round((points / 72) * 25.4 * 10) / 10;
    const { width, height } = pdf.getPage(pages - 1).getSize();
    expect([mm(width), mm(height)]).toEqual([sheet.page.width, sheet.page.height]);
    const svg = labelSheetSvg(lot, farm, items(count), size);
    expect(svg).toContain(`height="${pages * sheet.page.height}mm"`);
    expect(svg.match(/<path d=/g)).toHaveLength(count);
  });

  it('embeds a subset of the font, not the whole 740 kB file', async () => {
    const bytes = await labelSheetPdf(lot, farm, items(1), 'roll-50x30');
    expect(bytes.length).toBeLessThan(60_000);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe(
      'Tem truy xuất — Vải thiều Thanh Hà đặc sản loại một xuất khẩu — lô VTH260612-B7',
    );
  });
});
