/** QR symbol for a payload: error correction M (NAPAS examples and bank apps use it), 4-module quiet zone. */
// The symbol encoder only: the package's main module also loads every renderer and a PNG codec (~56 KB).
import { create as createQrSymbol } from 'qrcode/lib/core/qrcode.js';
import type { VietQRIssue } from '../errors.ts';
import { parseVietQR } from '../parse.ts';

export const ERROR_CORRECTION = 'M';
export const QUIET_ZONE = 4;

export interface RenderOptions {
  /** Refuse payloads that `parseVietQR` rejects (default true): a printed bad code costs a sale. */
  validate?: boolean;
}

export class VietQRRenderError extends Error {
  readonly errors: readonly VietQRIssue[];
  constructor(errors: readonly VietQRIssue[]) {
    super(
      `Invalid VietQR payload / Mã VietQR không hợp lệ: ${errors.map((e) => `${e.code}@${e.path}`).join(', ')}`,
    );
    this.name = 'VietQRRenderError';
    this.errors = errors;
  }
}

export function assertRenderable(payload: string, options: RenderOptions = {}): void {
  if (options.validate === false) return;
  const result = parseVietQR(payload);
  if (!result.ok) throw new VietQRRenderError(result.errors);
}

export interface QrMatrix {
  /** Modules per side, without the quiet zone. */
  readonly size: number;
  readonly isDark: (row: number, col: number) => boolean;
}

export function qrMatrix(payload: string): QrMatrix {
  const { modules } = createQrSymbol(payload, { errorCorrectionLevel: ERROR_CORRECTION });
  // BitMatrix.get returns 0/1 at run time (typed as boolean).
  return { size: modules.size, isDark: (row, col) => Boolean(modules.get(row, col)) };
}

/**
 * SVG path data of the dark modules in module units, one `M x y h w v1 h-w z` per horizontal run,
 * offset by the quiet zone. Runs keep the path short and render without hairline seams.
 */
export function modulePath(matrix: QrMatrix, quietZone = QUIET_ZONE): string {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      const width = col - start;
      parts.push(`M${start + quietZone} ${row + quietZone}h${width}v1h-${width}z`);
    }
  }
  return parts.join('');
}
