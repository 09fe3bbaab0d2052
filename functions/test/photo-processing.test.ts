import { sniffImage } from '@chophien/core';
import { Jimp } from 'jimp';
import { describe, expect, it } from 'vitest';
import { jimpPhotoProcessor } from '../marketplace/photos/jimp-processor.ts';

/** A real JPEG, left half red and right half blue, so orientation can be seen in the pixels. */
async function halves(width: number, height: number): Promise<Buffer> {
  const image = new Jimp({ width, height, color: 0xff0000ff });
  image.composite(new Jimp({ width: width / 2, height, color: 0x0000ffff }), width / 2, 0);
  return image.getBuffer('image/jpeg', { quality: 90 });
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

// Pure-JS decoding takes seconds on a busy 2-core machine; these assert outputs, never time.
describe('jimp photo processor (real JPEG/PNG bytes)', { timeout: 60_000 }, () => {
  it('makes 320 and 800 px wide JPEGs at the asked quality, aspect kept', async () => {
    const decoded = await jimpPhotoProcessor().decode(await halves(1200, 900));
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
    const decoded = await jimpPhotoProcessor().decode(input);
    expect([decoded.width, decoded.height]).toEqual([400, 800]); // portrait now
    const out = await decoded.toJpeg(320, 78);
    expect([out.width, out.height]).toEqual([320, 640]);
    expect(hasApp1(out.bytes)).toBe(false);
    expect(Buffer.from(out.bytes).toString('latin1')).not.toMatch(/Exif|GPS/);
    // Rotated clockwise, the red left half is now on top and the blue right half at the bottom.
    const pixels = await Jimp.fromBuffer(Buffer.from(out.bytes));
    const top = pixels.getPixelColor(160, 80);
    const bottom = pixels.getPixelColor(160, 560);
    expect(top >>> 24).toBeGreaterThan(200); // red channel
    expect((bottom >>> 8) & 0xff).toBeGreaterThan(200); // blue channel
  });

  it('puts transparent PNG areas on white (JPEG has no alpha)', async () => {
    const png = await new Jimp({ width: 400, height: 300, color: 0x00000000 }).getBuffer('image/png');
    const out = await (await jimpPhotoProcessor().decode(png)).toJpeg(320, 78);
    const pixel = (await Jimp.fromBuffer(Buffer.from(out.bytes))).getPixelColor(10, 10);
    expect(pixel >>> 24).toBeGreaterThan(240);
  });

  it('throws on bytes that only look like an image', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    await expect(jimpPhotoProcessor().decode(fake)).rejects.toThrow();
  });
});
