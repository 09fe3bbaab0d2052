import { createRequire } from 'node:module';
import { type DecodedPhoto, PHOTO_LIMITS, type PhotoProcessor, photoPixelCap } from '@chophien/core';
import type Sharp from 'sharp';
import * as z from 'zod';

type SharpModule = typeof Sharp;

let sharpModule: SharpModule | undefined;

/**
 * sharp is native (libvips). On Lambda it comes from the sharp layer (/opt/nodejs/node_modules), which
 * Node finds through NODE_PATH only for `require`, not for an ES module `import`; locally it is the
 * workspace's own install. Loaded on first use, so a cold start that decodes nothing never pays for it.
 */
function loadSharp(): SharpModule {
  if (!sharpModule) {
    sharpModule = createRequire(import.meta.url)('sharp') as SharpModule;
    // One photo at a time per process, nothing cached between requests: memory stays what the pixel cap assumes.
    sharpModule.cache(false);
    sharpModule.concurrency(1);
  }
  return sharpModule;
}

/**
 * Decoding and resizing with sharp (decision 0321: 30× faster and a quarter of the memory of jimp on a
 * 12 MP JPEG, and it reads WebP). Three bounds: the header is checked against `maxPixels` before this
 * runs (core), libvips refuses more pixels itself (`limitInputPixels`), and each pipeline stops after
 * `PHOTO_LIMITS.processSeconds`. Outputs carry no metadata (sharp drops EXIF/XMP/GPS unless asked),
 * are turned upright from the EXIF orientation, and transparent areas are put on white.
 */
export function sharpPhotoProcessor(options: { maxPixels: number }): PhotoProcessor {
  const { maxPixels } = options;
  return {
    maxPixels,
    async decode(bytes) {
      const sharp = loadSharp();
      const open = () =>
        sharp(bytes, { limitInputPixels: maxPixels, sequentialRead: true }).timeout({
          seconds: PHOTO_LIMITS.processSeconds,
        });
      const header = await open().metadata();
      if (!header.width || !header.height) throw new Error('no image size in the header');
      // Orientations 5–8 turn the picture a quarter: its upright width is the stored height.
      const sideways = (header.orientation ?? 1) >= 5;
      const width = sideways ? header.height : header.width;
      const height = sideways ? header.width : header.height;
      const photo: DecodedPhoto = {
        width,
        height,
        async toJpeg(targetWidth, quality) {
          const { data, info } = await open()
            .rotate()
            .flatten({ background: '#ffffff' })
            .resize({ width: Math.min(targetWidth, width), withoutEnlargement: true })
            .jpeg({ quality })
            .toBuffer({ resolveWithObject: true });
          return { width: info.width, height: info.height, bytes: new Uint8Array(data) };
        },
      };
      return photo;
    },
  };
}

/** Lambda tells a function its memory; elsewhere (the local runtime, tests) assume the API functions' 512 MB. */
const memoryEnv = z.object({
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: z.coerce.number().int().min(128).default(512),
});

/** The processor for this process, its pixel cap set from the process's memory. */
export function photoProcessorFromEnv(env: NodeJS.ProcessEnv = process.env): PhotoProcessor {
  const { AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memoryMb } = memoryEnv.parse(env);
  return sharpPhotoProcessor({ maxPixels: photoPixelCap(memoryMb) });
}
