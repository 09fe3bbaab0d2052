import type { PhotoDeps } from '@chophien/core';
import { listingRepository, userRepository } from '@chophien/db';
// The same adapters the API's photo routes use (S3 on AWS, the data-dir folder locally), so the no-JS
// form and the direct upload share one use-case and one storage.
import { photoProcessorFromEnv } from '../../../../functions/marketplace/photos/sharp-processor.ts';
import { photoStoreFromEnv } from '../../../../functions/marketplace/photos/store-from-env.ts';
import { getDb } from '../../lib/services.ts';

let cached: { key: string; deps: PhotoDeps } | undefined;

/** Photo use-case adapters for pages; rebuilt only when the storage settings change. */
export function photoDeps(): PhotoDeps {
  const env = process.env;
  const key = [env.PHOTOS_BUCKET, env.PHOTOS_DIR, env.PHOTOS_UPLOAD_SECRET, env.PHOTOS_PUBLIC_URL].join('|');
  if (cached?.key !== key) {
    const db = getDb();
    const { store, publicUrl } = photoStoreFromEnv(env);
    cached = {
      key,
      deps: {
        listings: listingRepository(db),
        users: userRepository(db),
        clock: { now: () => new Date() },
        photos: store,
        images: photoProcessorFromEnv(env),
        photosPublicUrl: publicUrl,
      },
    };
  }
  return cached.deps;
}
