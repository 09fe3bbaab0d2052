import { type ListingPhoto, largestRendition, photoSrcset, photoUrl, pickPhotoAlt } from '@chophien/core';
import type { Lang } from '../../i18n/index.ts';

/**
 * Where `photos/…` keys are served (contract C3): the local API server, or the site's own origin on
 * AWS where CloudFront serves `/photos/*` from the bucket. Read per request, as the runtime sets it.
 */
export const photosPublicUrl = (): string => process.env.PHOTOS_PUBLIC_URL ?? process.env.SITE_URL ?? '';

export interface ImgAttributes {
  src: string;
  srcset: string;
  width: number;
  height: number;
  alt: string;
}

/** `<img>` attributes for a listing photo: the smallest as `src`, every size in `srcset`, real dimensions. */
export function photoImg(photo: Pick<ListingPhoto, 'renditions' | 'alt'>, lang: Lang): ImgAttributes {
  const base = photosPublicUrl();
  const largest = largestRendition(photo);
  return {
    src: photoUrl(base, photo.renditions[0]!.key),
    srcset: photoSrcset(base, photo),
    width: largest.width,
    height: largest.height,
    alt: pickPhotoAlt(photo, lang),
  };
}

/** Absolute URL of the largest size, for og:image and JSON-LD. */
export const photoShareUrl = (photo: Pick<ListingPhoto, 'renditions'>): string =>
  photoUrl(photosPublicUrl(), largestRendition(photo).key);
