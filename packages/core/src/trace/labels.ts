import { humanReadable, parseDigitalLink } from '@chophien/gs1';
import { modulePath, qrMatrix } from '@chophien/vietqr/render';
import type { Farm } from './farm.ts';
import type { Lot } from './lot.ts';
import { traceDate } from './pre-harvest.ts';

/** Common roll/sheet label sizes in millimetres (width × height), laid out on A4 sheets. */
export const labelSizes = {
  '50x30': [50, 30],
  '40x30': [40, 30],
  '70x40': [70, 40],
  '100x50': [100, 50],
} as const;
export type LabelSize = keyof typeof labelSizes;

const A4 = { width: 210, height: 297, margin: 8 } as const;
const QUIET = 4;

const xml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export interface LabelItem {
  readonly uri: string;
  readonly serial?: string;
}

/** The human-readable GS1 element string under the QR, or the platform code for lots without a GTIN. */
export function labelElementString(uri: string, lot: Pick<Lot, 'lotCode'>): string {
  const parsed = parseDigitalLink(uri, { mode: 'strict' });
  return parsed.ok ? humanReadable(parsed.data) : `Mã lô ${lot.lotCode}`;
}

function label(item: LabelItem, lot: Lot, farm: Farm, x: number, y: number, w: number, h: number): string {
  const matrix = qrMatrix(item.uri);
  const modules = matrix.size + 2 * QUIET;
  // The QR leaves a strip at the bottom for the element string, which runs the label's full width.
  const qr = Math.min(h - 5, w * 0.5);
  const textX = x + qr + 1.5;
  const textWidth = w - qr - 2.5;
  // Sized so the longest fixed line ("Vùng trồng: VN-XXOR-NNNN", 24 characters) fits the text column.
  const font = Math.min(2.6, h / 11, textWidth / (24 * 0.52));
  const chars = Math.max(8, Math.floor(textWidth / (font * 0.52)));
  const lines = [
    { text: clip(lot.productName.vi, chars), bold: true },
    { text: `Lô: ${lot.lotCode}` },
    ...(lot.harvestDate ? [{ text: `Thu hoạch: ${traceDate(`${lot.harvestDate}T00:00:00+07:00`)}` }] : []),
    ...(farm.plantingAreaCode ? [{ text: `Vùng trồng: ${farm.plantingAreaCode}` }] : []),
    ...(item.serial ? [{ text: `Số sê-ri: ${item.serial}` }] : []),
  ];
  const hri = labelElementString(item.uri, lot);
  // Monospace glyphs advance 0.6 em: size the string to fit the label width (minus 1 mm margins).
  const hriFont = Math.min(2, (w - 2) / (hri.length * 0.6));
  const text = lines
    .map(
      (line, i) =>
        `<text x="${textX.toFixed(2)}" y="${(y + 1 + font * (i + 1) * 1.15).toFixed(2)}" font-size="${font.toFixed(2)}"${line.bold ? ' font-weight="700"' : ''}>${xml(line.text)}</text>`,
    )
    .join('');
  return (
    `<g>` +
    `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="#fff" stroke="#bbb" stroke-width="0.2" stroke-dasharray="1 1"/>` +
    `<svg x="${x + 1}" y="${y + 1}" width="${qr}" height="${qr}" viewBox="0 0 ${modules} ${modules}" shape-rendering="crispEdges">` +
    `<rect width="${modules}" height="${modules}" fill="#fff"/><path d="${modulePath(matrix, QUIET)}" fill="#000"/></svg>` +
    text +
    `<text x="${x + 1}" y="${(y + h - 1.3).toFixed(2)}" font-size="${hriFont.toFixed(2)}" font-family="monospace">${xml(hri)}</text>` +
    `</g>`
  );
}

/**
 * An SVG of A4 pages (stacked vertically, one page per 297 mm) filled with labels: QR with the Digital Link,
 * product name, lot, harvest date, planting-area code, serial and the human-readable element string.
 */
export function labelSheetSvg(lot: Lot, farm: Farm, items: readonly LabelItem[], size: LabelSize): string {
  const [w, h] = labelSizes[size];
  const cols = Math.floor((A4.width - 2 * A4.margin) / w);
  const rows = Math.floor((A4.height - 2 * A4.margin) / h);
  const perPage = cols * rows;
  const pages = Math.max(1, Math.ceil(items.length / perPage));
  const parts = items.map((item, i) => {
    const page = Math.floor(i / perPage);
    const slot = i % perPage;
    const x = A4.margin + (slot % cols) * w;
    const y = page * A4.height + A4.margin + Math.floor(slot / cols) * h;
    return label(item, lot, farm, x, y, w, h);
  });
  const height = pages * A4.height;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${A4.width}mm" height="${height}mm" viewBox="0 0 ${A4.width} ${height}" font-family="Arial, Helvetica, sans-serif">` +
    `<title>${xml(`Tem truy xuất — ${lot.productName.vi} — lô ${lot.lotCode}`)}</title>` +
    parts.join('') +
    `</svg>`
  );
}
