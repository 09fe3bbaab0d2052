import type { PhotoDeps } from '@chophien/core';
import { marketplace } from '../services.ts';
import { jimpPhotoProcessor } from './jimp-processor.ts';
import { photoStoreFromEnv } from './store-from-env.ts';

let built: PhotoDeps | undefined;

/** The marketplace's adapters plus photo storage and decoding; built once per container, only by photo routes. */
export const photoServices = (): PhotoDeps => {
  if (!built) {
    const { store, publicUrl } = photoStoreFromEnv();
    const base = marketplace();
    built = {
      listings: base.listings,
      users: base.users,
      clock: base.clock,
      photos: store,
      images: jimpPhotoProcessor(),
      photosPublicUrl: publicUrl,
    };
  }
  return built;
};
