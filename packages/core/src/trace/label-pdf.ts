import fontkit from '@pdf-lib/fontkit';
import {
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setLineWidth,
  setStrokingRgbColor,
  setTextRenderingMode,
  TextRenderingMode,
} from 'pdf-lib';
import type { Actor } from '../identity/user.ts';
import { pdfLine } from '../output/pdf.ts';
import { cleanLine } from '../output/text.ts';
import type { Farm } from './farm.ts';
import { labelFontBytes } from './label-font.ts';
import { type LabelOptions, type LabelSheet, lotLabelSheet } from './label-use-cases.ts';
import { type LabelItem, type LabelSize, labelSheets, layoutLabels, type PlacedLabel } from './labels.ts';
import type { Lot } from './lot.ts';
import type { TraceDeps } from './ports.ts';

/**
 * Label sheets as PDF, from the same layout as the SVG (labels.ts): vector QR codes (one filled rectangle per
 * run of dark modules, straight from the qrcode matrix, no raster), text in an embedded subset of DejaVu Sans
 * so Vietnamese prints correctly on any printer driver. Kept apart from labels.ts so the SVG path never loads
 * pdf-lib or the font.
 */

const PT_PER_MM = 72 / 25.4;

const NO_FEATURES = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'liga', 'clig', 'calt', 'kern', 'mark', 'mkmk', 'rclt'].map((f) => [f, false]),
);
const pt = (mm: number) => mm * PT_PER_MM;

/**
 * Dark module runs of each row as filled rectangles (`re`), in page points (PDF y grows upwards). Written as
 * one raw content stream per QR: a few thousand rectangles a sheet as operator objects cost more than the rest
 * of the PDF.
 */
function drawQr(doc: PDFDocument, page: PDFPage, label: PlacedLabel, pageHeight: number): void {
  const { matrix } = label.qr;
  const module = pt(label.qr.size) / (matrix.size + 2 * label.quietZone);
  const left = pt(label.qr.x) + label.quietZone * module;
  const top = pt(pageHeight - label.qr.y) - label.quietZone * module;
  const f = (v: number) => v.toFixed(3);
  let ops = 'q 0 0 0 rg\n';
  const emit = (r: { start: number; length: number; row: number; rows: number }) => {
    ops += `${f(left + r.start * module)} ${f(top - (r.row + r.rows) * module)} ${f(r.length * module)} ${f(r.rows * module)} re\n`;
  };
  // Runs that repeat exactly on the next row grow downwards instead of starting a new rectangle.
  let open = new Map<number, { start: number; length: number; row: number; rows: number }>();
  for (let row = 0; row < matrix.size; row++) {
    const next = new Map<number, { start: number; length: number; row: number; rows: number }>();
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      const key = start * 1024 + (col - start);
      const above = open.get(key);
      if (above) {
        above.rows++;
        open.delete(key);
        next.set(key, above);
      } else next.set(key, { start, length: col - start, row, rows: 1 });
    }
    for (const done of open.values()) emit(done);
    open = next;
  }
  for (const done of open.values()) emit(done);
  ops += 'f Q\n';
  page.node.addContentStream(doc.context.register(doc.context.flateStream(ops)));
}

const characterSets = new WeakMap<PDFFont, ReadonlySet<number>>();

/** Whether the embedded font has a glyph for `codePoint` (anything else is drawn as `?`, core/output/pdf.ts). */
function hasGlyph(font: PDFFont, codePoint: number): boolean {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  return set.has(codePoint);
}

/**
 * fontkit shapes a string on every encode and measure; a sheet repeats the same lines hundreds of times, so
 * both are remembered per document (the first encode has already added the glyphs to the subset).
 */
function memoised(font: PDFFont): { width: (text: string) => number } {
  const encoded = new Map<string, ReturnType<PDFFont['encodeText']>>();
  const encode = font.encodeText.bind(font);
  font.encodeText = (text: string) => {
    let hex = encoded.get(text);
    if (!hex) {
      hex = encode(text);
      encoded.set(text, hex);
    }
    return hex;
  };
  const widths = new Map<string, number>();
  return {
    width: (text) => {
      let w = widths.get(text);
      if (w === undefined) {
        w = font.widthOfTextAtSize(text, 1);
        widths.set(text, w);
      }
      return w;
    },
  };
}

function drawText(
  page: PDFPage,
  font: PDFFont,
  width: (text: string) => number,
  label: PlacedLabel,
  pageHeight: number,
): void {
  for (const { text: raw, ...line } of label.texts) {
    const text = pdfLine(raw, (codePoint) => hasGlyph(font, codePoint));
    let size = pt(line.size);
    const room = pt(line.maxWidth);
    const measured = width(text) * size;
    // The layout sizes text from average glyph widths; DejaVu's real widths decide here.
    if (measured > room) size *= room / measured;
    const at = { x: pt(line.x), y: pt(pageHeight - line.y), size, font, color: rgb(0, 0, 0) };
    if (line.bold) {
      // One regular face is embedded; the product name gets a thin outline instead of a second (bold) font.
      page.pushOperators(
        pushGraphicsState(),
        setTextRenderingMode(TextRenderingMode.FillAndOutline),
        setLineWidth(size * 0.04),
        setStrokingRgbColor(0, 0, 0),
      );
      page.drawText(text, at);
      page.pushOperators(popGraphicsState());
    } else page.drawText(text, at);
  }
}

/** A PDF of label pages for `items` in `size` (A4 sheets, or one 50×30 mm page per label for rolls). */
export async function labelSheetPdf(
  lot: Lot,
  farm: Farm,
  items: readonly LabelItem[],
  size: LabelSize,
): Promise<Uint8Array> {
  const sheet = labelSheets[size];
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  // Text is drawn NFC (precomposed Vietnamese letters are in the font) and pdf-lib ignores glyph positioning, so
  // OpenType features would only cost time.
  const font = await doc.embedFont(await labelFontBytes(), { subset: true, features: NO_FEATURES });
  const { width } = memoised(font);
  doc.setTitle(`Tem truy xuất — ${cleanLine(lot.productName.vi)} — lô ${lot.lotCode}`, {
    showInWindowTitleBar: true,
  });
  doc.setSubject(`${sheet.vi} / ${sheet.en}`);
  doc.setLanguage('vi-VN');
  doc.setCreator('Chợ Phiên');
  doc.setProducer('Chợ Phiên (pdf-lib)');
  for (const { labels } of layoutLabels(lot, farm, items, size)) {
    const page = doc.addPage([pt(sheet.page.width), pt(sheet.page.height)]);
    for (const label of labels) {
      if (sheet.cutLines)
        page.drawRectangle({
          x: pt(label.x),
          y: pt(sheet.page.height - label.y - label.height),
          width: pt(label.width),
          height: pt(label.height),
          borderColor: rgb(0.73, 0.73, 0.73),
          borderWidth: 0.5,
          borderDashArray: [2.8, 2.8],
        });
      drawQr(doc, page, label, sheet.page.height);
      drawText(page, font, width, label, sheet.page.height);
    }
  }
  return doc.save({ useObjectStreams: true });
}

/** The lot's label sheet as PDF, with the same owner/officer rule and items as the SVG sheet. */
export async function lotLabelsPdf(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'config'>,
  actor: Actor,
  lotId: string,
  options: LabelOptions,
): Promise<{ pdf: Uint8Array; sheet: LabelSheet }> {
  const sheet = await lotLabelSheet(deps, actor, lotId, options);
  return { pdf: await labelSheetPdf(sheet.lot, sheet.farm, sheet.items, options.size), sheet };
}
