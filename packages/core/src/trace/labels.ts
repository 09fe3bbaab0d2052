import { humanReadable, parseDigitalLink } from '@chophien/gs1';
import { modulePath, type QrMatrix, qrMatrix } from '@chophien/vietqr/render';
import { cleanLine } from '../output/text.ts';
import { xmlText } from '../output/xml.ts';
import type { Farm } from './farm.ts';
import type { Lot } from './lot.ts';
import { traceDate } from './pre-harvest.ts';

/**
 * Where labels sit on a page, in millimetres. The one layout definition behind both the SVG sheet
 * (below) and the PDF (label-pdf.ts), so a size prints the same whichever format is chosen.
 */
export interface SheetLayout {
  readonly label: { readonly width: number; readonly height: number };
  readonly page: { readonly width: number; readonly height: number };
  readonly columns: number;
  readonly rows: number;
  /** Top-left corner of the first label. */
  readonly origin: { readonly x: number; readonly y: number };
  /** Distance between the top-left corners of neighbouring labels (label size plus the gap). */
  readonly pitch: { readonly x: number; readonly y: number };
  /** Dashed cut lines for plain paper; die-cut sheets and rolls are already cut. */
  readonly cutLines: boolean;
  readonly vi: string;
  readonly en: string;
}

const A4 = { width: 210, height: 297 } as const;

/** Plain A4 paper, labels edge to edge inside an 8 mm margin (cut with scissors or a trimmer). */
function plainA4(width: number, height: number): SheetLayout {
  const margin = 8;
  return {
    label: { width, height },
    page: A4,
    columns: Math.floor((A4.width - 2 * margin) / width),
    rows: Math.floor((A4.height - 2 * margin) / height),
    origin: { x: margin, y: margin },
    pitch: { x: width, y: height },
    cutLines: true,
    vi: `Giấy A4 thường, tem ${width}×${height} mm`,
    en: `Plain A4, ${width}×${height} mm labels`,
  };
}

/**
 * Every size a sheet can be printed in. The die-cut A4 sheets follow the common retail formats
 * (65-up 38.1×21.2 as Avery L7651 / Tanex A4-65, 21-up 63.5×38.1 as L7160, 24-up 70×37 as L7170-style
 * Decal A4-24); `roll-50x30` is one label per page for direct-thermal roll printers (Xprinter, Zebra…).
 */
export const labelSheets = {
  '50x30': plainA4(50, 30),
  '40x30': plainA4(40, 30),
  '70x40': plainA4(70, 40),
  '100x50': plainA4(100, 50),
  '38x21.2': {
    label: { width: 38.1, height: 21.2 },
    page: A4,
    columns: 5,
    rows: 13,
    origin: { x: 4.75, y: 10.7 },
    pitch: { x: 40.64, y: 21.2 },
    cutLines: false,
    vi: 'Giấy decal A4 65 tem 38×21,2 mm',
    en: 'A4 die-cut sheet, 65 labels 38×21.2 mm',
  },
  '63.5x38.1': {
    label: { width: 63.5, height: 38.1 },
    page: A4,
    columns: 3,
    rows: 7,
    origin: { x: 7.25, y: 15.15 },
    pitch: { x: 66, y: 38.1 },
    cutLines: false,
    vi: 'Giấy decal A4 21 tem 63,5×38,1 mm',
    en: 'A4 die-cut sheet, 21 labels 63.5×38.1 mm',
  },
  '70x37': {
    label: { width: 70, height: 37 },
    page: A4,
    columns: 3,
    rows: 8,
    origin: { x: 0, y: 0.5 },
    pitch: { x: 70, y: 37 },
    cutLines: false,
    vi: 'Giấy decal A4 24 tem 70×37 mm',
    en: 'A4 die-cut sheet, 24 labels 70×37 mm',
  },
  'roll-50x30': {
    label: { width: 50, height: 30 },
    page: { width: 50, height: 30 },
    columns: 1,
    rows: 1,
    origin: { x: 0, y: 0 },
    pitch: { x: 50, y: 30 },
    cutLines: false,
    vi: 'Cuộn tem in nhiệt 50×30 mm',
    en: 'Thermal roll, 50×30 mm labels',
  },
} as const satisfies Record<string, SheetLayout>;
export type LabelSize = keyof typeof labelSheets;

/** Label width × height in mm by size (kept for callers that only need the dimensions). */
export const labelSizes = Object.fromEntries(
  Object.entries(labelSheets).map(([size, sheet]) => [size, [sheet.label.width, sheet.label.height]]),
) as unknown as { readonly [S in LabelSize]: readonly [number, number] };

export const labelsPerPage = (size: LabelSize): number => labelSheets[size].columns * labelSheets[size].rows;

const QUIET = 4;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The product name on at most two lines of `max` characters, broken between words, the rest clipped. */
function nameLines(name: string, max: number): string[] {
  if (name.length <= max) return [name];
  const words = name.split(/\s+/);
  let first = '';
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= max)
    first = `${first} ${words.shift()}`.trim();
  if (first === '') return [clip(name, max)];
  return [first, clip(words.join(' '), max)];
}

export interface LabelItem {
  readonly uri: string;
  readonly serial?: string;
}

/** The human-readable GS1 element string under the QR, or the platform code for lots without a GTIN. */
export function labelElementString(uri: string, lot: Pick<Lot, 'lotCode'>): string {
  const parsed = parseDigitalLink(uri, { mode: 'strict' });
  return parsed.ok ? humanReadable(parsed.data) : `Mã lô ${lot.lotCode}`;
}

export interface LabelText {
  readonly x: number;
  /** Baseline, mm from the top of the page. */
  readonly y: number;
  readonly size: number;
  readonly text: string;
  readonly bold?: boolean;
  /** The element string: monospace in SVG; the PDF scales it to `maxWidth`. */
  readonly mono?: boolean;
  /** Room the text has; renderers that can measure glyphs shrink the text to fit it. */
  readonly maxWidth: number;
}

/** One label placed on its page: its box, the QR (matrix + quiet zone) and its lines of text. */
export interface PlacedLabel {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly qr: { readonly x: number; readonly y: number; readonly size: number; readonly matrix: QrMatrix };
  readonly quietZone: number;
  readonly texts: readonly LabelText[];
}

export interface LabelPage {
  readonly labels: readonly PlacedLabel[];
}

function placeLabel(
  item: LabelItem,
  lot: Lot,
  farm: Farm,
  harvested: string | undefined,
  x: number,
  y: number,
  w: number,
  h: number,
): PlacedLabel {
  const matrix = qrMatrix(item.uri);
  // The QR leaves a strip at the bottom for the element string, which runs the label's full width.
  const qr = Math.min(h - 5, w * 0.5);
  const textX = x + qr + 1.5;
  const textWidth = w - qr - 2.5;
  // Sized so the longest fixed line ("Vùng trồng: VN-XXOR-NNNN", 24 characters) fits the text column.
  const font = Math.min(2.6, h / 11, textWidth / (24 * 0.52));
  const chars = Math.max(8, Math.floor(textWidth / (font * 0.52)));
  const lines: { text: string; bold?: boolean }[] = [
    // The farmer typed the name: one clean line (no controls, no bidi tricks) before it is measured and cut.
    ...nameLines(cleanLine(lot.productName.vi), chars).map((text) => ({ text, bold: true })),
    { text: `Lô: ${lot.lotCode}` },
    ...(harvested ? [{ text: `Thu hoạch: ${harvested}` }] : []),
    ...(farm.plantingAreaCode ? [{ text: `Vùng trồng: ${farm.plantingAreaCode}` }] : []),
    ...(item.serial ? [{ text: `Số sê-ri: ${item.serial}` }] : []),
  ];
  const hri = labelElementString(item.uri, lot);
  // Monospace glyphs advance 0.6 em: size the string to fit the label width (minus 1 mm margins).
  const hriFont = Math.min(2, (w - 2) / (hri.length * 0.6));
  return {
    x,
    y,
    width: w,
    height: h,
    qr: { x: x + 1, y: y + 1, size: qr, matrix },
    quietZone: QUIET,
    texts: [
      ...lines.map((line, i) => ({
        x: textX,
        y: y + 1 + font * (i + 1) * 1.15,
        size: font,
        text: line.text,
        ...(line.bold ? { bold: true } : {}),
        maxWidth: textWidth,
      })),
      { x: x + 1, y: y + h - 1.3, size: hriFont, text: hri, mono: true, maxWidth: w - 2 },
    ],
  };
}

/** Pages of placed labels for `items` in `size`: the layout both renderers draw. */
export function layoutLabels(
  lot: Lot,
  farm: Farm,
  items: readonly LabelItem[],
  size: LabelSize,
): LabelPage[] {
  const sheet: SheetLayout = labelSheets[size];
  const perPage = sheet.columns * sheet.rows;
  const pages: PlacedLabel[][] = [];
  // Formatted once: Intl formatters are slow to build, and every label of a sheet shows the same date.
  const harvested = lot.harvestDate ? traceDate(`${lot.harvestDate}T00:00:00+07:00`) : undefined;
  items.forEach((item, i) => {
    const slot = i % perPage;
    if (slot === 0) pages.push([]);
    const x = sheet.origin.x + (slot % sheet.columns) * sheet.pitch.x;
    const y = sheet.origin.y + Math.floor(slot / sheet.columns) * sheet.pitch.y;
    pages[pages.length - 1]!.push(
      placeLabel(item, lot, farm, harvested, x, y, sheet.label.width, sheet.label.height),
    );
  });
  if (pages.length === 0) pages.push([]);
  return pages.map((labels) => ({ labels }));
}

const n = (v: number) => Number(v.toFixed(2));

function labelSvg(label: PlacedLabel, dy: number, cutLines: boolean): string {
  const modules = label.qr.matrix.size + 2 * label.quietZone;
  const text = label.texts
    .map(
      (t) =>
        `<text x="${n(t.x)}" y="${n(t.y + dy)}" font-size="${t.size.toFixed(2)}"${t.bold ? ' font-weight="700"' : ''}${t.mono ? ' font-family="monospace"' : ''}>${xmlText(t.text)}</text>`,
    )
    .join('');
  return (
    `<g>` +
    `<rect x="${n(label.x)}" y="${n(label.y + dy)}" width="${label.width}" height="${label.height}" fill="#fff"${cutLines ? ' stroke="#bbb" stroke-width="0.2" stroke-dasharray="1 1"' : ''}/>` +
    `<svg x="${n(label.qr.x)}" y="${n(label.qr.y + dy)}" width="${label.qr.size}" height="${label.qr.size}" viewBox="0 0 ${modules} ${modules}" shape-rendering="crispEdges">` +
    `<rect width="${modules}" height="${modules}" fill="#fff"/><path d="${modulePath(label.qr.matrix, label.quietZone)}" fill="#000"/></svg>` +
    text +
    `</g>`
  );
}

/**
 * One SVG of the pages stacked vertically (one page height each), filled with labels: QR with the Digital Link,
 * product name, lot, harvest date, planting-area code, serial and the human-readable element string.
 */
export function labelSheetSvg(lot: Lot, farm: Farm, items: readonly LabelItem[], size: LabelSize): string {
  const sheet: SheetLayout = labelSheets[size];
  const pages = layoutLabels(lot, farm, items, size);
  const parts = pages.flatMap((page, p) =>
    page.labels.map((label) => labelSvg(label, p * sheet.page.height, sheet.cutLines)),
  );
  const height = pages.length * sheet.page.height;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${sheet.page.width}mm" height="${height}mm" viewBox="0 0 ${sheet.page.width} ${height}" font-family="Arial, Helvetica, sans-serif">` +
    `<title>${xmlText(`Tem truy xuất — ${lot.productName.vi} — lô ${lot.lotCode}`)}</title>` +
    parts.join('') +
    `</svg>`
  );
}
