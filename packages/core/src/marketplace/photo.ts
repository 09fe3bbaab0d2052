import * as z from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';

/** The rules for listing photos (docs/decisions/0603-listing-photos.md). */
export const PHOTO_LIMITS = {
  /**
   * What phones produce (a 12–50 MP camera: 3–20 MB). The storefront shrinks photos in the browser
   * before upload (site photos page); this bound is for the no-JavaScript form and the API.
   */
  maxBytes: 20 * 1024 * 1024,
  /** Either side: refuses absurd shapes whatever the pixel count. */
  maxDimension: 10_000,
  minDimension: 64,
  /**
   * Decoding budget per pixel in the worst case the decoder may face (a 16-bit RGBA or interlaced PNG
   * is held whole: 8 bytes a pixel, plus a working copy). A 103 KB PNG can declare 36 megapixels.
   */
  decodeBytesPerPixel: 12,
  /** What the runtime and the rest of the request hold before a photo is decoded (measured ~150 MB). */
  reservedMemoryMb: 192,
  /** Never more than this, however large the function: no phone photo a farmer takes is bigger. */
  maxPixels: 50_000_000,
  /** Decoding and resizing one photo stops after this (the function's own timeout is 10 s). */
  processSeconds: 6,
  maxPerListing: 8,
  /** How long an upload target stays valid. */
  uploadTtlSeconds: 300,
  /** Storefront widths: cards and phones (320), product page and tablets (800). */
  widths: [320, 800],
  jpegQuality: 78,
} as const;

/**
 * The most pixels a function with `memoryMb` may decode (read from the image header before any
 * decoding, and enforced again by the decoder): 512 MB → 27.9 MP (6000×4000 passes, 6000×6000 does not).
 */
export function photoPixelCap(memoryMb: number): number {
  const budgetBytes = Math.max(0, memoryMb - PHOTO_LIMITS.reservedMemoryMb) * 1024 * 1024;
  return Math.min(PHOTO_LIMITS.maxPixels, Math.floor(budgetBytes / PHOTO_LIMITS.decodeBytesPerPixel));
}

export const photoFormats = ['jpeg', 'png', 'webp'] as const;
export type PhotoFormat = (typeof photoFormats)[number];

export const photoContentTypes: Record<PhotoFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export interface ImageInfo {
  readonly format: PhotoFormat;
  /** As stored in the file (before any EXIF rotation). */
  readonly width: number;
  readonly height: number;
  /** WebP only: an animation (refused: a product photo is one picture). */
  readonly animated?: boolean;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) =>
  ((b[i]! << 24) >>> 0) + ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function jpegSize(b: Uint8Array): { width: number; height: number } | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = u16be(b, i + 2);
    if (length < 2) return undefined;
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) hold the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // scan data before any frame header
    i += 2 + length;
  }
  return undefined;
}

function webpInfo(b: Uint8Array): Omit<ImageInfo, 'format'> | undefined {
  const chunk = ascii(b, 12, 4);
  if (b.length < (chunk === 'VP8L' ? 25 : 30)) return undefined;
  if (chunk === 'VP8 ') {
    // Key frame start code 9D 01 2A, then 14-bit width and height (2 bits of scale ignored).
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return undefined;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return undefined;
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const flags = b[20]!;
    return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1, animated: (flags & 0x02) !== 0 };
  }
  return undefined;
}

/**
 * What the bytes really are, by their magic numbers and header (never the file name or the declared
 * type), with the stored dimensions. Undefined for anything that is not JPEG, PNG or WebP.
 */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const size = jpegSize(bytes);
    return size ? { format: 'jpeg', ...size } : undefined;
  }
  if (bytes.length >= 24 && PNG_SIGNATURE.every((value, i) => bytes[i] === value)) {
    if (ascii(bytes, 12, 4) !== 'IHDR') return undefined;
    return { format: 'png', width: u32be(bytes, 16), height: u32be(bytes, 20) };
  }
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    const info = webpInfo(bytes);
    return info ? { format: 'webp', ...info } : undefined;
  }
  return undefined;
}

const rejected = (code: string, vi: string, en: string, details?: Record<string, unknown>) =>
  new DomainError('unprocessable', code, { vi, en }, details ? { details } : {});

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10}`;

/** Over the byte limit (size unknown when the store refused to read it all). */
export const photoTooLarge = (bytes?: number) =>
  rejected(
    'photo_too_large',
    bytes === undefined
      ? `Ảnh nặng quá ${mb(PHOTO_LIMITS.maxBytes)} MB.`
      : `Ảnh nặng ${mb(bytes)} MB, tối đa ${mb(PHOTO_LIMITS.maxBytes)} MB.`,
    bytes === undefined
      ? `The photo is over ${mb(PHOTO_LIMITS.maxBytes)} MB.`
      : `The photo is ${mb(bytes)} MB; the limit is ${mb(PHOTO_LIMITS.maxBytes)} MB.`,
    { maxBytes: PHOTO_LIMITS.maxBytes, ...(bytes === undefined ? {} : { bytes }) },
  );

const megapixels = (pixels: number) => `${Math.floor(pixels / 100_000) / 10}`;

/**
 * The checks every photo passes before anything is decoded or stored, from its bytes and header
 * alone; throws a vi/en reason. `maxPixels` comes from the memory of the process that will decode it.
 */
export function checkPhotoBytes(bytes: Uint8Array, maxPixels: number): ImageInfo {
  if (bytes.length === 0) throw rejected('photo_empty', 'Tệp ảnh trống.', 'The photo file is empty.');
  if (bytes.length > PHOTO_LIMITS.maxBytes) throw photoTooLarge(bytes.length);
  const info = sniffImage(bytes);
  if (!info) {
    throw rejected(
      'photo_type',
      'Chỉ nhận ảnh JPEG, PNG hoặc WebP.',
      'Only JPEG, PNG or WebP photos are accepted.',
    );
  }
  const { width, height } = info;
  if (width > PHOTO_LIMITS.maxDimension || height > PHOTO_LIMITS.maxDimension) {
    throw rejected(
      'photo_dimensions',
      `Ảnh ${width}×${height} px quá lớn; mỗi chiều tối đa ${PHOTO_LIMITS.maxDimension} px.`,
      `The photo is ${width}×${height} px; neither side may exceed ${PHOTO_LIMITS.maxDimension} px.`,
      { width, height },
    );
  }
  if (width * height > maxPixels) {
    throw rejected(
      'photo_pixels',
      `Ảnh ${width}×${height} px (${megapixels(width * height)} MP) quá lớn để xử lý; tối đa ${megapixels(maxPixels)} MP. Hãy chụp ở độ phân giải thấp hơn hoặc thu nhỏ ảnh.`,
      `The photo is ${width}×${height} px (${megapixels(width * height)} MP); at most ${megapixels(maxPixels)} MP can be processed. Take it at a lower resolution or scale it down.`,
      { width, height, maxPixels },
    );
  }
  if (width < PHOTO_LIMITS.minDimension || height < PHOTO_LIMITS.minDimension) {
    throw rejected(
      'photo_dimensions',
      `Ảnh ${width}×${height} px quá nhỏ; cần ít nhất ${PHOTO_LIMITS.minDimension} px mỗi chiều.`,
      `The photo is ${width}×${height} px; it needs at least ${PHOTO_LIMITS.minDimension} px each way.`,
      { width, height },
    );
  }
  if (info.animated) {
    throw rejected('photo_animated', 'Không nhận ảnh động.', 'Animated images are not accepted.');
  }
  return info;
}

/** The storefront widths for a photo this wide: never upscaled, duplicates dropped, ascending. */
export function renditionWidths(originalWidth: number): number[] {
  return [...new Set(PHOTO_LIMITS.widths.map((w) => Math.min(w, originalWidth)))].sort((a, b) => a - b);
}

export const photoRenditionSchema = z.object({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Storage key; the public URL is `${PHOTOS_PUBLIC_URL}/${key}`. */
  key: z.string(),
});
export type PhotoRendition = z.infer<typeof photoRenditionSchema>;

export const photoAltSchema = z.strictObject({
  vi: z
    .string()
    .trim()
    .min(
      3,
      bilingual(
        'Cần mô tả ảnh bằng tiếng Việt (ít nhất 3 ký tự).',
        'Describe the photo in Vietnamese (3+ characters).',
      ),
    )
    .max(160),
  en: z.string().trim().max(160).optional(),
});

export const listingPhotoSchema = z.object({
  id: z.string(),
  alt: z.object({ vi: z.string(), en: z.string().optional() }),
  /** Smallest first; every one a JPEG (from JPEG, PNG or WebP), carrying no metadata. */
  renditions: z.array(photoRenditionSchema).min(1).max(4),
  addedAt: z.string(),
  addedBy: z.string(),
});
export type ListingPhoto = z.infer<typeof listingPhotoSchema>;

/** The largest rendition: width/height attributes and og:image. */
export const largestRendition = (photo: Pick<ListingPhoto, 'renditions'>): PhotoRendition =>
  photo.renditions[photo.renditions.length - 1]!;

/** Public URL of a stored key under the configured base (no trailing slash). */
export const photoUrl = (publicBaseUrl: string, key: string): string =>
  `${publicBaseUrl.replace(/\/+$/, '')}/${key.split('/').map(encodeURIComponent).join('/')}`;

/** `srcset` for a photo: each rendition with its width. */
export const photoSrcset = (publicBaseUrl: string, photo: Pick<ListingPhoto, 'renditions'>): string =>
  photo.renditions.map((r) => `${photoUrl(publicBaseUrl, r.key)} ${r.width}w`).join(', ');

/** Alt text in the page's language (Vietnamese when no English was given). */
export const pickPhotoAlt = (photo: Pick<ListingPhoto, 'alt'>, lang: 'vi' | 'en'): string =>
  (lang === 'en' && photo.alt.en) || photo.alt.vi;
