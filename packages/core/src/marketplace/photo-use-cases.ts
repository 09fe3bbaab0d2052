import { ulid } from 'ulid';
import * as z from 'zod';
import { conflict, DomainError, isDomainError, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { Actor } from '../identity/user.ts';
import { editableListing, type ListingDeps } from './listings.ts';
import {
  checkPhotoBytes,
  type ListingPhoto,
  largestRendition,
  PHOTO_LIMITS,
  type PhotoRendition,
  photoAltSchema,
  photoContentTypes,
  photoSrcset,
  photoTooLarge,
  photoUrl,
  renditionWidths,
} from './photo.ts';
import type { PhotoProcessor, PhotoStore, PhotoUploadTarget } from './ports.ts';

/** Photo storage without decoding: what listing, uploading, removing and ordering photos need. */
export interface PhotoStorageDeps extends ListingDeps {
  readonly photos: PhotoStore;
  /** Where `photos/…` keys are served: CloudFront on AWS, the local API server locally. */
  readonly photosPublicUrl: string;
}

/** Storage plus the image processor: only confirming an upload decodes and resizes (only its function carries the sharp layer). */
export interface PhotoDeps extends PhotoStorageDeps {
  readonly images: PhotoProcessor;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const acceptedTypes = Object.values(photoContentTypes) as [string, ...string[]];

export const photoUploadRequestSchema = z.strictObject({
  contentType: z.enum(acceptedTypes, {
    message: bilingual('Chỉ nhận ảnh JPEG, PNG hoặc WebP.', 'Only JPEG, PNG or WebP photos are accepted.'),
  }),
  contentLength: z
    .number()
    .int()
    .min(1)
    .max(
      PHOTO_LIMITS.maxBytes,
      bilingual(
        `Ảnh tối đa ${PHOTO_LIMITS.maxBytes / (1024 * 1024)} MB.`,
        `A photo may be at most ${PHOTO_LIMITS.maxBytes / (1024 * 1024)} MB.`,
      ),
    ),
});

export const photoConfirmSchema = z.strictObject({
  uploadId: z.string().regex(ULID, bilingual('Mã tải lên không hợp lệ.', 'Not a valid upload id.')),
  alt: photoAltSchema,
});

export const photoOrderSchema = z.strictObject({
  photoIds: z
    .array(z.string().regex(ULID))
    .min(1)
    .max(PHOTO_LIMITS.maxPerListing)
    .refine((ids) => new Set(ids).size === ids.length, {
      message: bilingual('Ảnh bị lặp lại.', 'A photo is listed twice.'),
    }),
});

export const photoIdSchema = z.string().regex(ULID);

/** Staged original, bound to its listing: an upload id cannot be confirmed on another listing. */
export const uploadKey = (listingId: string, uploadId: string) => `uploads/${listingId}/${uploadId}`;
const renditionKey = (listingId: string, photoId: string, width: number) =>
  `photos/${listingId}/${photoId}-${width}.jpg`;

export interface PhotoView {
  readonly id: string;
  readonly alt: ListingPhoto['alt'];
  /** The largest rendition. */
  readonly url: string;
  readonly width: number;
  readonly height: number;
  readonly srcset: string;
  readonly renditions: Array<PhotoRendition & { url: string }>;
}

export interface ListingPhotosView {
  readonly listingId: string;
  readonly maxPhotos: number;
  readonly photos: PhotoView[];
}

export function toPhotoView(publicUrl: string, photo: ListingPhoto): PhotoView {
  const largest = largestRendition(photo);
  return {
    id: photo.id,
    alt: photo.alt,
    url: photoUrl(publicUrl, largest.key),
    width: largest.width,
    height: largest.height,
    srcset: photoSrcset(publicUrl, photo),
    renditions: photo.renditions.map((r) => ({ ...r, url: photoUrl(publicUrl, r.key) })),
  };
}

const view = (
  deps: Pick<PhotoDeps, 'photosPublicUrl'>,
  listingId: string,
  photos: readonly ListingPhoto[],
) => ({
  listingId,
  maxPhotos: PHOTO_LIMITS.maxPerListing,
  photos: photos.map((photo) => toPhotoView(deps.photosPublicUrl, photo)),
});

const photoLimitReached = () =>
  conflict('photo_limit', {
    vi: `Mỗi sản phẩm có tối đa ${PHOTO_LIMITS.maxPerListing} ảnh; hãy xoá bớt ảnh trước.`,
    en: `A listing has at most ${PHOTO_LIMITS.maxPerListing} photos; remove one first.`,
  });

const photoNotFound = () => notFound({ vi: 'ảnh', en: 'photo' }, 'photo_not_found');

const MAX_ATTEMPTS = 6;

/** Compare-and-set on the listing's photo list, re-reading when another edit came first. */
async function changePhotos(
  deps: PhotoStorageDeps,
  listingId: string,
  change: (photos: ListingPhoto[]) => ListingPhoto[],
): Promise<ListingPhoto[]> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await deps.listings.getPhotos(listingId);
    if (!current) throw notFound({ vi: 'sản phẩm', en: 'listing' }, 'listing_not_found');
    const next = change([...current.photos]);
    if (next.length > PHOTO_LIMITS.maxPerListing) throw photoLimitReached();
    if (await deps.listings.setPhotos(listingId, next, current.version, deps.clock.now().toISOString())) {
      return next;
    }
  }
  throw conflict('listing_changed', {
    vi: 'Sản phẩm vừa được sửa ở nơi khác, vui lòng thử lại.',
    en: 'The listing changed meanwhile; try again.',
  });
}

export async function listListingPhotos(
  deps: PhotoStorageDeps,
  actor: Actor,
  listingId: string,
): Promise<ListingPhotosView> {
  const listing = await editableListing(deps, actor, listingId);
  return view(deps, listingId, listing.photos ?? []);
}

/**
 * Step 1: the farmer (or the officer acting for them) asks where to upload. The target is short-lived
 * and signed for exactly the declared type and length; nothing is trusted until confirm reads the bytes.
 */
export async function requestPhotoUpload(
  deps: PhotoStorageDeps,
  actor: Actor,
  listingId: string,
  input: z.infer<typeof photoUploadRequestSchema>,
): Promise<{ uploadId: string; upload: PhotoUploadTarget; expiresAt: string; maxBytes: number }> {
  const listing = await editableListing(deps, actor, listingId);
  if ((listing.photos?.length ?? 0) >= PHOTO_LIMITS.maxPerListing) throw photoLimitReached();
  const uploadId = ulid();
  const upload = await deps.photos.uploadTarget(
    uploadKey(listingId, uploadId),
    input,
    PHOTO_LIMITS.uploadTtlSeconds,
  );
  const expiresAt = new Date(deps.clock.now().getTime() + PHOTO_LIMITS.uploadTtlSeconds * 1000).toISOString();
  return { uploadId, upload, expiresAt, maxBytes: PHOTO_LIMITS.maxBytes };
}

const photoUnreadable = () =>
  new DomainError('unprocessable', 'photo_unreadable', {
    vi: 'Không đọc được ảnh (tệp hỏng, không đúng định dạng hoặc quá phức tạp để xử lý).',
    en: 'The photo could not be read (damaged, not what it claims to be, or too complex to process).',
  });

/** The storefront JPEGs of a photo; its header is checked against the decoder's pixel cap first. */
async function renditionsOf(
  deps: PhotoDeps,
  listingId: string,
  photoId: string,
  bytes: Uint8Array,
): Promise<Array<PhotoRendition & { bytes: Uint8Array; contentType: string }>> {
  checkPhotoBytes(bytes, deps.images.maxPixels);
  try {
    const decoded = await deps.images.decode(bytes);
    const out = [];
    for (const width of renditionWidths(decoded.width)) {
      const jpeg = await decoded.toJpeg(width, PHOTO_LIMITS.jpegQuality);
      out.push({
        width: jpeg.width,
        height: jpeg.height,
        key: renditionKey(listingId, photoId, jpeg.width),
        bytes: jpeg.bytes,
        contentType: photoContentTypes.jpeg,
      });
    }
    return out;
  } catch {
    // Corrupt data, a decoder limit or the processing time limit: the farmer gets one clear reason.
    throw photoUnreadable();
  }
}

/**
 * Step 2: the platform reads what was really uploaded, refuses anything that is not a JPEG/PNG/WebP
 * within the limits (and deletes it), makes the storefront sizes and attaches the photo. Confirming
 * the same upload twice attaches it once.
 */
export async function confirmPhotoUpload(
  deps: PhotoDeps,
  actor: Actor,
  listingId: string,
  input: z.infer<typeof photoConfirmSchema>,
): Promise<ListingPhotosView> {
  const listing = await editableListing(deps, actor, listingId);
  const photoId = input.uploadId;
  if (listing.photos?.some((photo) => photo.id === photoId)) return view(deps, listingId, listing.photos);
  if ((listing.photos?.length ?? 0) >= PHOTO_LIMITS.maxPerListing) throw photoLimitReached();

  const staged = uploadKey(listingId, photoId);
  const bytes = await deps.photos.readUpload(staged, PHOTO_LIMITS.maxBytes);
  if (bytes === undefined) {
    throw new DomainError('not_found', 'upload_not_found', {
      vi: 'Chưa nhận được ảnh tải lên, hoặc liên kết tải lên đã hết hạn.',
      en: 'No uploaded photo was found, or its upload link expired.',
    });
  }
  let renditions: Awaited<ReturnType<typeof renditionsOf>>;
  try {
    if (bytes === 'too_large') throw photoTooLarge();
    renditions = await renditionsOf(deps, listingId, photoId, bytes);
  } catch (error) {
    // Refused bytes are not kept anywhere.
    await deps.photos.remove([staged]);
    throw error;
  }
  for (const r of renditions) await deps.photos.putPublic(r.key, r.bytes, r.contentType);

  const photo: ListingPhoto = {
    id: photoId,
    alt: { vi: input.alt.vi, ...(input.alt.en ? { en: input.alt.en } : {}) },
    renditions: renditions.map(({ width, height, key }) => ({ width, height, key })),
    addedAt: deps.clock.now().toISOString(),
    addedBy: actor.userId,
  };
  let photos: ListingPhoto[];
  try {
    photos = await changePhotos(deps, listingId, (current) =>
      current.some((p) => p.id === photoId) ? current : [...current, photo],
    );
  } catch (error) {
    if (isDomainError(error) && error.code === 'photo_limit') {
      await deps.photos.remove([staged, ...renditions.map((r) => r.key)]);
    }
    throw error;
  }
  await deps.photos.remove([staged]);
  return view(deps, listingId, photos);
}

/** The no-JS site form: the server receives the file and runs the very same confirm step. */
export async function addPhotoFromForm(
  deps: PhotoDeps,
  actor: Actor,
  listingId: string,
  input: { bytes: Uint8Array; alt: z.infer<typeof photoAltSchema> },
): Promise<ListingPhotosView> {
  const listing = await editableListing(deps, actor, listingId);
  if ((listing.photos?.length ?? 0) >= PHOTO_LIMITS.maxPerListing) throw photoLimitReached();
  // Oversized files (bytes or declared pixels) are refused before they are written anywhere.
  const info = checkPhotoBytes(input.bytes, deps.images.maxPixels);
  const uploadId = ulid();
  await deps.photos.putUpload(uploadKey(listingId, uploadId), input.bytes, photoContentTypes[info.format]);
  return confirmPhotoUpload(deps, actor, listingId, { uploadId, alt: input.alt });
}

export async function removeListingPhoto(
  deps: PhotoStorageDeps,
  actor: Actor,
  listingId: string,
  photoId: string,
): Promise<ListingPhotosView> {
  const listing = await editableListing(deps, actor, listingId);
  const removed = listing.photos?.find((photo) => photo.id === photoId);
  if (!removed) throw photoNotFound();
  const photos = await changePhotos(deps, listingId, (current) => current.filter((p) => p.id !== photoId));
  // Files go after the listing stops pointing at them, so a page never shows a broken image.
  await deps.photos.remove(removed.renditions.map((r) => r.key));
  return view(deps, listingId, photos);
}

/** New order (the first is the cover); the ids must be exactly the listing's photos. */
export async function reorderListingPhotos(
  deps: PhotoStorageDeps,
  actor: Actor,
  listingId: string,
  input: z.infer<typeof photoOrderSchema>,
): Promise<ListingPhotosView> {
  await editableListing(deps, actor, listingId);
  const photos = await changePhotos(deps, listingId, (current) => {
    const byId = new Map(current.map((p) => [p.id, p]));
    if (input.photoIds.length !== current.length || input.photoIds.some((id) => !byId.has(id))) {
      throw new DomainError('validation', 'photo_order', {
        vi: 'Danh sách ảnh không khớp với ảnh hiện có; hãy tải lại trang.',
        en: 'The photo list does not match the listing’s photos; reload and try again.',
      });
    }
    return input.photoIds.map((id) => byId.get(id)!);
  });
  return view(deps, listingId, photos);
}

/** Makes one photo the cover (first), keeping the others in order. */
export async function makeCoverPhoto(
  deps: PhotoStorageDeps,
  actor: Actor,
  listingId: string,
  photoId: string,
): Promise<ListingPhotosView> {
  await editableListing(deps, actor, listingId);
  const photos = await changePhotos(deps, listingId, (current) => {
    const cover = current.find((p) => p.id === photoId);
    if (!cover) throw photoNotFound();
    return [cover, ...current.filter((p) => p.id !== photoId)];
  });
  return view(deps, listingId, photos);
}
