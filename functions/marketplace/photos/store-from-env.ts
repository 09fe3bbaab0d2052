import type { PhotoStore } from '@chophien/core';
import * as z from 'zod';
import { filePhotoStore } from './file-photo-store.ts';
import { s3PhotoStore } from './s3-photo-store.ts';

/**
 * Photo storage from the environment (route capability `photos`, contract C3): PHOTOS_BUCKET on AWS;
 * locally PHOTOS_DIR with uploads signed by PHOTOS_UPLOAD_SECRET and received by the API server.
 */
const photosEnv = z.object({
  PHOTOS_BUCKET: z.string().min(3).optional(),
  PHOTOS_DIR: z.string().min(1).optional(),
  PHOTOS_UPLOAD_SECRET: z.string().min(16).optional(),
  API_URL: z.url().optional(),
  /** Public base of `photos/…` keys; the site's origin when CloudFront serves `/photos/*` there. */
  PHOTOS_PUBLIC_URL: z.string().min(1).optional(),
  SITE_URL: z.url().optional(),
});

export function photoStoreFromEnv(env: NodeJS.ProcessEnv = process.env): {
  store: PhotoStore;
  publicUrl: string;
} {
  const config = photosEnv.parse(env);
  const publicUrl = config.PHOTOS_PUBLIC_URL ?? config.SITE_URL;
  if (!publicUrl) throw new Error('PHOTOS_PUBLIC_URL (or SITE_URL) is required for photos');
  if (config.PHOTOS_BUCKET) return { store: s3PhotoStore({ bucket: config.PHOTOS_BUCKET }), publicUrl };
  if (config.PHOTOS_DIR && config.PHOTOS_UPLOAD_SECRET && config.API_URL) {
    return {
      store: filePhotoStore({
        dir: config.PHOTOS_DIR,
        apiUrl: config.API_URL,
        uploadSecret: config.PHOTOS_UPLOAD_SECRET,
      }),
      publicUrl,
    };
  }
  throw new Error('photos need PHOTOS_BUCKET (AWS) or PHOTOS_DIR + PHOTOS_UPLOAD_SECRET + API_URL (local)');
}
