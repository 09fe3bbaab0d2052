import { photoPixelCap, sniffImage } from '@chophien/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { photoProcessorFromEnv, sharpPhotoProcessor } from '../marketplace/photos/sharp-processor.ts';

const processor = () => sharpPhotoProcessor({ maxPixels: photoPixelCap(512) });

const solid = (width: number, height: number, background: string, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background } });

/** A real JPEG, left half red and right half blue, so orientation can be seen in the pixels. */
async function halves(width: number, height: number): Promise<Buffer> {
  const blue = await solid(width / 2, height, '#0000ff')
    .png()
    .toBuffer();
  return solid(width, height, '#ff0000')
    .composite([{ input: blue, left: width / 2, top: 0 }])
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The RGB of one pixel of an encoded image. */
async function pixelAt(bytes: Uint8Array, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

/** An APP1 EXIF block (big-endian TIFF) with Orientation and a GPS-looking string, right after SOI. */
function withExif(jpeg: Buffer, orientation: number): Buffer {
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0x00,
    0x00,
    0x00,
    0x08, // MM, 42, IFD0 at 8
    0x00,
    0x01, // one entry
    0x01,
    0x12,
    0x00,
    0x03,
    0x00,
    0x00,
    0x00,
    0x01,
    0x00,
    orientation,
    0x00,
    0x00, // Orientation SHORT
    0x00,
    0x00,
    0x00,
    0x00, // no next IFD
  ]);
  const payload = Buffer.concat([
    Buffer.from('Exif\0\0', 'latin1'),
    tiff,
    Buffer.from('GPS 21.5895N 105.7745E'),
  ]);
  const app1 = Buffer.concat([
    Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
    payload,
  ]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}

const hasApp1 = (bytes: Uint8Array) => {
  for (let i = 2; i + 3 < bytes.length; ) {
    if (bytes[i] !== 0xff) return false;
    const marker = bytes[i + 1]!;
    if (marker === 0xe1) return true;
    if (marker === 0xda) return false; // scan data: no more headers
    i += 2 + ((bytes[i + 2]! << 8) | bytes[i + 3]!);
  }
  return false;
};

// These assert outputs, never time (timing is in the benchmark: bench/areas/lambda.ts).
describe('sharp photo processor (real JPEG/PNG/WebP bytes)', { timeout: 60_000 }, () => {
  it('makes 320 and 800 px wide JPEGs at the asked quality, aspect kept', async () => {
    const decoded = await processor().decode(await halves(1200, 900));
    expect([decoded.width, decoded.height]).toEqual([1200, 900]);
    const small = await decoded.toJpeg(320, 78);
    const large = await decoded.toJpeg(800, 78);
    expect(sniffImage(small.bytes)).toEqual({ format: 'jpeg', width: 320, height: 240 });
    expect(sniffImage(large.bytes)).toEqual({ format: 'jpeg', width: 800, height: 600 });
    expect([large.width, large.height]).toEqual([800, 600]);
    const higher = await decoded.toJpeg(800, 95);
    expect(higher.bytes.length).toBeGreaterThan(large.bytes.length);
  });

  it('applies EXIF orientation 6 (rotate 90° clockwise) and strips all metadata', async () => {
    const input = withExif(await halves(800, 400), 6);
    expect(hasApp1(input)).toBe(true);
    const decoded = await processor().decode(input);
    expect([decoded.width, decoded.height]).toEqual([400, 800]); // portrait now
    const out = await decoded.toJpeg(320, 78);
    expect([out.width, out.height]).toEqual([320, 640]);
    expect(hasApp1(out.bytes)).toBe(false);
    expect(Buffer.from(out.bytes).toString('latin1')).not.toMatch(/Exif|GPS/);
    // Rotated clockwise, the red left half is now on top and the blue right half at the bottom.
    const [topRed, , topBlue] = await pixelAt(out.bytes, 160, 80);
    const [bottomRed, , bottomBlue] = await pixelAt(out.bytes, 160, 560);
    expect(topRed).toBeGreaterThan(200);
    expect(topBlue).toBeLessThan(60);
    expect(bottomBlue).toBeGreaterThan(200);
    expect(bottomRed).toBeLessThan(60);
  });

  it('puts transparent PNG areas on white (JPEG has no alpha)', async () => {
    const png = await solid(400, 300, '#00000000', 4).png().toBuffer();
    const out = await (await processor().decode(png)).toJpeg(320, 78);
    const [r, g, b] = await pixelAt(out.bytes, 10, 10);
    expect(Math.min(r, g, b)).toBeGreaterThan(240);
  });

  it('resizes WebP too: a 3000 px WebP becomes 320 and 800 px JPEGs', async () => {
    const webp = await solid(3000, 2000, '#4d7c0f').webp({ quality: 80 }).toBuffer();
    expect(sniffImage(webp)).toMatchObject({ format: 'webp', width: 3000, height: 2000 });
    const decoded = await processor().decode(webp);
    const small = await decoded.toJpeg(320, 78);
    const large = await decoded.toJpeg(800, 78);
    expect(sniffImage(small.bytes)).toEqual({ format: 'jpeg', width: 320, height: 213 });
    expect(sniffImage(large.bytes)).toEqual({ format: 'jpeg', width: 800, height: 533 });
  });

  it('throws on bytes that only look like an image', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    await expect(
      processor()
        .decode(fake)
        .then((photo) => photo.toJpeg(320, 78)),
    ).rejects.toThrow();
  });

  it('libvips itself refuses more pixels than the cap, even if a header check were skipped', async () => {
    const png = await solid(2000, 1000, '#ffffff').png().toBuffer();
    const capped = sharpPhotoProcessor({ maxPixels: 1_000_000 });
    await expect(capped.decode(png).then((photo) => photo.toJpeg(320, 78))).rejects.toThrow(/pixel limit/);
  });

  it('sets the pixel cap from the function memory Lambda reports (512 MB → 27.9 MP; 1024 MB → 50 MP)', () => {
    expect(photoProcessorFromEnv({}).maxPixels).toBe(photoPixelCap(512));
    expect(photoProcessorFromEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512' }).maxPixels).toBe(27_962_026);
    expect(photoProcessorFromEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024' }).maxPixels).toBe(50_000_000);
    expect(photoProcessorFromEnv({ AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256' }).maxPixels).toBe(5_592_405);
  });
});
