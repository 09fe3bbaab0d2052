import type { DecodedPhoto, PhotoProcessor } from '@chophien/core';
import { Jimp } from 'jimp';

type Image = Awaited<ReturnType<typeof Jimp.fromBuffer>>;

/**
 * JPEG/PNG decoding and resizing in pure JavaScript (jimp 1.6): no native module to build for Lambda.
 * Jimp applies the EXIF orientation while decoding. It also keeps the decoder's EXIF block on the
 * bitmap and jpeg-js would write it back, so every output is re-wrapped as pixels only: no EXIF, no
 * GPS position, no camera serial reaches the storefront.
 */
export function jimpPhotoProcessor(): PhotoProcessor {
  return {
    async decode(bytes) {
      const decoded: Image = await Jimp.fromBuffer(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
      const { width, height } = decoded.bitmap;
      // JPEG has no alpha: put transparent PNG areas on white rather than let them turn black.
      const flat = new Jimp({ width, height, color: 0xffffffff });
      flat.composite(decoded, 0, 0);
      const photo: DecodedPhoto = {
        width,
        height,
        async toJpeg(targetWidth, quality) {
          const outWidth = Math.min(targetWidth, width);
          const outHeight = Math.max(1, Math.round((height * outWidth) / width));
          const sized =
            outWidth === width ? flat.clone() : flat.clone().resize({ w: outWidth, h: outHeight });
          const pixelsOnly = new Jimp({
            data: Buffer.from(sized.bitmap.data),
            width: sized.bitmap.width,
            height: sized.bitmap.height,
          });
          const out = await pixelsOnly.getBuffer('image/jpeg', { quality });
          return { width: sized.bitmap.width, height: sized.bitmap.height, bytes: new Uint8Array(out) };
        },
      };
      return photo;
    },
  };
}
