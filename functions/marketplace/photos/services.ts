import type { PhotoDeps, PhotoStorageDeps } from '@chophien/core';
import { marketplace } from '../services.ts';
import { photoStoreFromEnv } from './store-from-env.ts';

let built: PhotoStorageDeps | undefined;

/**
 * The marketplace's adapters plus photo storage; built once per container, only by photo routes.
 * Decoding (sharp, from a layer on AWS) is added by the one route that needs it: see `withImages`.
 */
export const photoServices = (): PhotoStorageDeps => {
  if (!built) {
    const { store, publicUrl } = photoStoreFromEnv();
    const base = marketplace();
    built = {
      listings: base.listings,
      users: base.users,
      clock: base.clock,
      photos: store,
      photosPublicUrl: publicUrl,
    };
  }
  return built;
};

/** Storage plus an image processor, for the confirm route (and the site's form upload). */
export const withImages = (images: PhotoDeps['images']): PhotoDeps => ({ ...photoServices(), images });
