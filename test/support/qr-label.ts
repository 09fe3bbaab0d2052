import jsQR from 'jsqr';

/** The first label's QR on an SVG label sheet (run-length `<path>` of unit modules), decoded with jsQR. */
export function decodeFirstLabel(svg: string): string | undefined {
  const match = /<svg[^>]*viewBox="0 0 (\d+) \1"[^>]*>.*?<path d="([^"]+)"/.exec(svg);
  if (!match) return undefined;
  const modules = Number(match[1]);
  const scale = 6;
  const size = modules * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const run of match[2]!.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(run[1]), Number(run[2]), Number(run[3])];
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < w * scale; dx++) {
        const i = ((y * scale + dy) * size + x * scale + dx) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
  }
  return jsQR(pixels, size, size)?.data;
}
