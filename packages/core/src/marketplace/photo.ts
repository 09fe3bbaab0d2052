import { z } from 'zod';
import { DomainError } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';

/** The rules for listing photos (docs/decisions/0603-listing-photos.md). */
export const PHOTO_LIMITS = {
  /**
   * What phones produce (a 12–50 MP camera: 3–20 MB). The storefront shrinks photos in the browser
   * before upload (site photos page); this bound is for the no-JavaScript form and the API.
   */
  maxBytes: 20 * 1024 * 1024,
  /** Either side; also bounds the decoded bitmap (6000² RGBA ≈ 144 MB) a Lambda must hold. */
  maxDimension: 6000,
  minDimension: 64,
  maxPerListing: 8,
  /** How long an upload target stays valid. */
  uploadTtlSeconds: 300,
  /** Storefront widths: cards and phones (320), product page and tablets (800). */
  widths: [320, 800],
  jpegQuality: 78,
  /** WebP cannot be decoded here (no pure-JS decoder installed), so it is stored as sent up to this width. */
  maxWebpPassthroughWidth: 800,
} as const;

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

/** The checks every photo passes before anything is decoded or stored; throws a vi/en reason. */
export function checkPhotoBytes(bytes: Uint8Array): ImageInfo {
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
      `Ảnh ${width}×${height} px quá lớn; tối đa ${PHOTO_LIMITS.maxDimension}×${PHOTO_LIMITS.maxDimension} px.`,
      `The photo is ${width}×${height} px; the limit is ${PHOTO_LIMITS.maxDimension}×${PHOTO_LIMITS.maxDimension} px.`,
      { width, height },
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
  if (info.format === 'webp' && width > PHOTO_LIMITS.maxWebpPassthroughWidth) {
    throw rejected(
      'photo_webp_too_wide',
      `Ảnh WebP rộng tối đa ${PHOTO_LIMITS.maxWebpPassthroughWidth} px; ảnh lớn hơn xin gửi dạng JPEG hoặc PNG.`,
      `WebP photos may be at most ${PHOTO_LIMITS.maxWebpPassthroughWidth} px wide; send larger photos as JPEG or PNG.`,
      { width },
    );
  }
  return info;
}

/** The storefront widths for a photo this wide: never upscaled, duplicates dropped, ascending. */
export function renditionWidths(originalWidth: number): number[] {
  return [...new Set(PHOTO_LIMITS.widths.map((w) => Math.min(w, originalWidth)))].sort((a, b) => a - b);
}

/**
 * A WebP with its EXIF and XMP chunks removed (and the VP8X flags saying so), the image chunks
 * untouched: metadata such as the GPS position of a farmer's house never reaches the storefront.
 */
export function stripWebpMetadata(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let i = 12;
  while (i + 8 <= bytes.length) {
    const id = ascii(bytes, i, 4);
    const size = bytes[i + 4]! | (bytes[i + 5]! << 8) | (bytes[i + 6]! << 16) | ((bytes[i + 7]! << 24) >>> 0);
    const end = Math.min(bytes.length, i + 8 + size + (size % 2));
    if (id !== 'EXIF' && id !== 'XMP ') {
      const chunk = bytes.slice(i, end);
      if (id === 'VP8X') chunk[8] = chunk[8]! & ~0x0c; // clear the EXIF (0x08) and XMP (0x04) flags
      parts.push(chunk);
    }
    i = end;
  }
  const bodyLength = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(12 + bodyLength);
  out.set(bytes.subarray(0, 12));
  const riffSize = 4 + bodyLength;
  out[4] = riffSize & 0xff;
  out[5] = (riffSize >>> 8) & 0xff;
  out[6] = (riffSize >>> 16) & 0xff;
  out[7] = (riffSize >>> 24) & 0xff;
  let at = 12;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
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
  /** Smallest first; every one a JPEG (WebP stays WebP, one size). */
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
