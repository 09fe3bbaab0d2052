import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** Decodes a PNG with jsQR, as an independent check of what the renderer drew. */
export function decodePng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  const result = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  return result?.data;
}

/**
 * Rasterises the module runs (`M x y h w v1 h-w z`) of an SVG path into a PNG, 8 px per module,
 * so a QR embedded in an SVG can be decoded without a browser.
 */
export function pathToPng(d: string, side: number, scale = 8): Buffer {
  const png = new PNG({ width: side * scale, height: side * scale });
  png.data.fill(255);
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) {
        const i = (py * side * scale + px) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
    }
  }
  return PNG.sync.write(png);
}
