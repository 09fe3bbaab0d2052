/** `@chophien/vietqr/render`: VietQR payload → SVG or PNG. The only part of the package with a dependency (qrcode). */
import { escapeXml } from '../xml.ts';
import {
  assertRenderable,
  ERROR_CORRECTION,
  modulePath,
  QUIET_ZONE,
  qrMatrix,
  type RenderOptions,
} from './matrix.ts';

export { modulePath, type QrMatrix, qrMatrix, type RenderOptions, VietQRRenderError } from './matrix.ts';

export interface SvgOptions extends RenderOptions {
  /** Rendered edge length including the quiet zone, as an SVG length (`60mm`, `300`); default: scale to the container. */
  size?: string;
  dark?: string;
  light?: string;
  /** Accessible name (`<title>`). */
  title?: string;
}

export interface PngOptions extends RenderOptions {
  /** Pixels per module (default 8). */
  scale?: number;
  dark?: string;
  light?: string;
}

/** A standalone SVG document; synchronous because the matrix is computed in-process. */
export function toSvg(payload: string, options: SvgOptions = {}): string {
  assertRenderable(payload, options);
  const matrix = qrMatrix(payload);
  const side = matrix.size + 2 * QUIET_ZONE;
  const size = options.size ? ` width="${escapeXml(options.size)}" height="${escapeXml(options.size)}"` : '';
  const title = escapeXml(options.title ?? 'VietQR');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}"${size} shape-rendering="crispEdges" role="img">` +
    `<title>${title}</title>` +
    `<rect width="${side}" height="${side}" fill="${escapeXml(options.light ?? '#ffffff')}"/>` +
    `<path fill="${escapeXml(options.dark ?? '#000000')}" d="${modulePath(matrix)}"/></svg>`
  );
}

export async function toPng(payload: string, options: PngOptions = {}): Promise<Buffer> {
  assertRenderable(payload, options);
  // The PNG renderer (qrcode's main module with its PNG codec) loads only when a PNG is asked for.
  const { default: QRCode } = await import('qrcode');
  return QRCode.toBuffer(payload, {
    type: 'png',
    errorCorrectionLevel: ERROR_CORRECTION,
    margin: QUIET_ZONE,
    scale: options.scale ?? 8,
    color: { dark: options.dark ?? '#000000ff', light: options.light ?? '#ffffffff' },
  });
}
