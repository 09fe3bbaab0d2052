import { describe, expect, it } from 'vitest';
import type { Product } from '../../src/catalog/product.ts';
import { DomainError } from '../../src/errors/domain-error.ts';
import type { Actor } from '../../src/identity/user.ts';
import type { ListingStore } from '../../src/marketplace/listings.ts';
import {
  checkPhotoBytes,
  type ListingPhoto,
  PHOTO_LIMITS,
  photoPixelCap,
  photoSrcset,
  renditionWidths,
  sniffImage,
} from '../../src/marketplace/photo.ts';
import {
  addPhotoFromForm,
  confirmPhotoUpload,
  type PhotoDeps,
  removeListingPhoto,
  reorderListingPhotos,
  requestPhotoUpload,
  uploadKey,
} from '../../src/marketplace/photo-use-cases.ts';
import type { PhotoStore } from '../../src/marketplace/ports.ts';

// --- tiny real headers -------------------------------------------------------------------------

/** SOI, an APP0, then a baseline SOF0 frame header of width × height. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return Uint8Array.from([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
}

const chunk = (id: string, data: number[]) => {
  const size = data.length;
  const padded = size % 2 ? [...data, 0] : data;
  return [...Buffer.from(id), size & 0xff, (size >> 8) & 0xff, 0, 0, ...padded];
};

function riff(chunks: number[][]): Uint8Array {
  const body = chunks.flat();
  const size = 4 + body.length;
  return Uint8Array.from([
    ...Buffer.from('RIFF'),
    size & 0xff,
    (size >> 8) & 0xff,
    0,
    0,
    ...Buffer.from('WEBP'),
    ...body,
  ]);
}

/** A VP8X WebP (EXIF flag set) with EXIF and XMP chunks around a lossy VP8 frame header. */
function webpWithMetadata(width: number, height: number, animated = false): Uint8Array {
  const w = width - 1;
  const h = height - 1;
  const flags = 0x08 | 0x04 | (animated ? 0x02 : 0);
  const vp8x = chunk('VP8X', [flags, 0, 0, 0, w & 0xff, (w >> 8) & 0xff, 0, h & 0xff, (h >> 8) & 0xff, 0]);
  const vp8 = chunk('VP8 ', [
    0,
    0,
    0,
    0x9d,
    0x01,
    0x2a,
    width & 0xff,
    width >> 8,
    height & 0xff,
    height >> 8,
  ]);
  const exif = chunk('EXIF', [...Buffer.from('GPS 21.5895 105.7745')]);
  const xmp = chunk('XMP ', [...Buffer.from('<x:xmpmeta/>')]);
  return riff([vp8x, exif, vp8, xmp]);
}

describe('byte sniffing (magic numbers and headers, never the declared type)', () => {
  it('reads JPEG, PNG and WebP (VP8, VP8L, VP8X) sizes', () => {
    expect(sniffImage(jpegHeader(4032, 3024))).toEqual({ format: 'jpeg', width: 4032, height: 3024 });
    expect(sniffImage(pngHeader(800, 600))).toEqual({ format: 'png', width: 800, height: 600 });
    expect(sniffImage(riff([chunk('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02])]))).toEqual({
      format: 'webp',
      width: 800,
      height: 600,
    });
    // VP8L: signature 0x2f, then 14 bits width-1, 14 bits height-1.
    const bits = (640 - 1) | ((480 - 1) << 14);
    expect(
      sniffImage(
        riff([
          chunk('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff]),
        ]),
      ),
    ).toEqual({
      format: 'webp',
      width: 640,
      height: 480,
    });
    expect(sniffImage(webpWithMetadata(300, 200))).toMatchObject({
      format: 'webp',
      width: 300,
      height: 200,
      animated: false,
    });
  });

  it('refuses what only pretends: GIF, SVG, HTML, a PDF, a JPEG without a frame, an empty file', () => {
    for (const text of [
      'GIF89a\x01\x00\x01\x00',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '<html>',
      '%PDF-1.7',
    ]) {
      expect(sniffImage(new TextEncoder().encode(text))).toBeUndefined();
    }
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]))).toBeUndefined();
    expect(sniffImage(new Uint8Array())).toBeUndefined();
  });
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    const e = error as DomainError;
    expect(e.messages.vi).not.toBe(e.messages.en); // both languages present
    return e.code;
  }
  return 'accepted';
};

describe('photo limits', () => {
  it('accepts up to 5 MB and the pixel cap; refuses one byte more or one pixel more, with vi/en reasons', () => {
    const cap = 6000 * 4000;
    const atLimit = new Uint8Array(PHOTO_LIMITS.maxBytes);
    atLimit.set(jpegHeader(6000, 4000));
    expect(codeOf(() => checkPhotoBytes(atLimit, cap))).toBe('accepted');
    const over = new Uint8Array(PHOTO_LIMITS.maxBytes + 1);
    over.set(jpegHeader(100, 100));
    expect(codeOf(() => checkPhotoBytes(over, cap))).toBe('photo_too_large');
    expect(codeOf(() => checkPhotoBytes(jpegHeader(6000, 4001), cap))).toBe('photo_pixels');
    expect(codeOf(() => checkPhotoBytes(pngHeader(6000, 6000), cap))).toBe('photo_pixels');
    expect(codeOf(() => checkPhotoBytes(pngHeader(10_001, 100), cap))).toBe('photo_dimensions');
    expect(codeOf(() => checkPhotoBytes(pngHeader(40, 40), cap))).toBe('photo_dimensions');
    expect(codeOf(() => checkPhotoBytes(new TextEncoder().encode('GIF89a....'), cap))).toBe('photo_type');
    expect(codeOf(() => checkPhotoBytes(new Uint8Array(), cap))).toBe('photo_empty');
    expect(codeOf(() => checkPhotoBytes(webpWithMetadata(300, 200, true), cap))).toBe('photo_animated');
    expect(codeOf(() => checkPhotoBytes(webpWithMetadata(1200, 900), cap))).toBe('accepted');
  });

  it('the pixel cap follows the memory: 12 bytes a pixel over what the runtime holds, at most 50 MP', () => {
    expect(photoPixelCap(128)).toBe(0);
    expect(photoPixelCap(512)).toBe(Math.floor((320 * 1024 * 1024) / 12));
    expect(photoPixelCap(512)).toBeLessThan(6000 * 6000);
    expect(photoPixelCap(512)).toBeGreaterThan(6000 * 4000);
    expect(photoPixelCap(1024)).toBe(50_000_000);
    expect(photoPixelCap(10_240)).toBe(50_000_000);
  });

  it('storefront widths never upscale', () => {
    expect(renditionWidths(4032)).toEqual([320, 800]);
    expect(renditionWidths(640)).toEqual([320, 640]);
    expect(renditionWidths(300)).toEqual([300]);
  });

  it('srcset lists each rendition with its width under the public base', () => {
    const photo = {
      renditions: [
        { width: 320, height: 240, key: 'photos/L1/P1-320.jpg' },
        { width: 800, height: 600, key: 'photos/L1/P1-800.jpg' },
      ],
    };
    expect(photoSrcset('https://cho.example/', photo)).toBe(
      'https://cho.example/photos/L1/P1-320.jpg 320w, https://cho.example/photos/L1/P1-800.jpg 800w',
    );
  });
});

// --- use-cases over in-memory adapters --------------------------------------------------------

const LISTING = '01JB0000000000000000000001';
const farmer: Actor = { userId: 'farmer-1', roles: ['farmer'] };
const officer: Actor = {
  userId: 'officer-1',
  roles: ['commune_officer'],
  grants: [{ role: 'commune_officer', province: 'Thái Nguyên', commune: 'xã Tân Cương' }],
};
/** The household's stored profile: its commune is what lets the officer act for it. */
const household = {
  id: farmer.userId,
  phone: '+84912000001',
  name: 'Hộ 1',
  roles: ['farmer'],
  province: 'Thái Nguyên',
  commune: 'xã Tân Cương',
  createdAt: '2026-01-01T00:00:00Z',
} as const;
const stranger: Actor = { userId: 'farmer-2', roles: ['farmer'] };

function memoryDeps() {
  const objects = new Map<string, Uint8Array>();
  const decodes: number[] = [];
  let photos: ListingPhoto[] = [];
  let version = 0;
  const product = {
    id: LISTING,
    farmerId: farmer.userId,
    agent: { officerId: officer.userId, consent: { method: 'in_person', givenAt: '2026-10-01T00:00:00Z' } },
  } as unknown as Product;
  const listings = {
    get: async (id: string) => (id === LISTING ? { ...product, photos } : undefined),
    getPhotos: async (id: string) => (id === LISTING ? { photos, version } : undefined),
    setPhotos: async (_id: string, next: readonly ListingPhoto[], expected: number) => {
      if (expected !== version) return false;
      photos = [...next];
      version += 1;
      return true;
    },
  } as unknown as ListingStore;
  const store: PhotoStore = {
    uploadTarget: async (key) => ({ method: 'PUT', url: `memory://${key}`, headers: {} }),
    readUpload: async (key, max) => {
      const bytes = objects.get(key);
      return bytes && bytes.length > max ? 'too_large' : bytes;
    },
    putUpload: async (key, bytes) => void objects.set(key, bytes),
    putPublic: async (key, bytes) => void objects.set(key, bytes),
    remove: async (keys) => {
      for (const key of keys) objects.delete(key);
    },
  };
  const deps: PhotoDeps = {
    listings,
    users: {
      get: async (id: string) =>
        id === household.id ? { ...household, roles: [...household.roles] } : undefined,
    } as PhotoDeps['users'],
    clock: { now: () => new Date('2026-11-01T00:00:00Z') },
    photos: store,
    // Stands in for sharp: reports the header's size and "encodes" a marker of the asked width.
    images: {
      maxPixels: photoPixelCap(512),
      decode: async (bytes) => {
        decodes.push(bytes.length);
        const info = sniffImage(bytes)!;
        return {
          width: info.width,
          height: info.height,
          toJpeg: async (width) => ({
            width,
            height: Math.round((info.height * width) / info.width),
            bytes: new TextEncoder().encode(`jpeg ${width}`),
          }),
        };
      },
    },
    photosPublicUrl: 'http://127.0.0.1:3000',
  };
  return { deps, objects, decodes, photos: () => photos };
}

const alt = { vi: 'Búp chè Tân Cương mới hái' };

/** Step 1 as the farmer, then the bytes "uploaded" to the staged key. */
async function stageUpload(deps: PhotoDeps, objects: Map<string, Uint8Array>, bytes: Uint8Array) {
  const { uploadId } = await requestPhotoUpload(deps, farmer, LISTING, {
    contentType: 'image/png',
    contentLength: bytes.length,
  });
  objects.set(uploadKey(LISTING, uploadId), bytes);
  return uploadId;
}

describe('photo use-cases (in memory)', () => {
  it('upload → confirm stores 320 and 800 renditions, attaches the photo, drops the staged original; twice = once', async () => {
    const { deps, objects, photos } = memoryDeps();
    const { uploadId } = await requestPhotoUpload(deps, farmer, LISTING, {
      contentType: 'image/jpeg',
      contentLength: 100,
    });
    objects.set(uploadKey(LISTING, uploadId), jpegHeader(4032, 3024));
    const view = await confirmPhotoUpload(deps, farmer, LISTING, { uploadId, alt });
    expect(view.photos).toHaveLength(1);
    expect(view.photos[0]).toMatchObject({ id: uploadId, width: 800, height: 600, alt });
    expect([...objects.keys()].sort()).toEqual([
      `photos/${LISTING}/${uploadId}-320.jpg`,
      `photos/${LISTING}/${uploadId}-800.jpg`,
    ]);
    await confirmPhotoUpload(deps, farmer, LISTING, { uploadId, alt });
    expect(photos()).toHaveLength(1);
  });

  it('refused bytes are deleted and nothing is attached', async () => {
    const { deps, objects, photos } = memoryDeps();
    const { uploadId } = await requestPhotoUpload(deps, farmer, LISTING, {
      contentType: 'image/png',
      contentLength: 10,
    });
    objects.set(uploadKey(LISTING, uploadId), new TextEncoder().encode('<svg onload="alert(1)"/>'));
    await expect(confirmPhotoUpload(deps, farmer, LISTING, { uploadId, alt })).rejects.toMatchObject({
      code: 'photo_type',
    });
    expect(objects.size).toBe(0);
    expect(photos()).toEqual([]);
  });

  it('a header declaring more pixels than the cap is refused before decoding, at the form and at confirm', async () => {
    const { deps, objects, decodes, photos } = memoryDeps();
    await expect(
      addPhotoFromForm(deps, farmer, LISTING, { bytes: pngHeader(6000, 6000), alt }),
    ).rejects.toMatchObject({ code: 'photo_pixels', kind: 'unprocessable' });
    expect(objects.size).toBe(0); // refused before it was stored
    const uploadId = await stageUpload(deps, objects, pngHeader(6000, 6000));
    await expect(confirmPhotoUpload(deps, farmer, LISTING, { uploadId, alt })).rejects.toMatchObject({
      code: 'photo_pixels',
    });
    expect(decodes).toEqual([]);
    expect(objects.size).toBe(0);
    expect(photos()).toEqual([]);
  });

  it('a photo the decoder gives up on (corrupt, over its limits or its time) is refused with vi/en and deleted', async () => {
    const { deps, objects, photos } = memoryDeps();
    const failing: PhotoDeps = {
      ...deps,
      images: {
        maxPixels: deps.images.maxPixels,
        decode: async () => ({
          width: 640,
          height: 480,
          toJpeg: async () => {
            throw new Error('Input image exceeds pixel limit');
          },
        }),
      },
    };
    const uploadId = await stageUpload(failing, objects, pngHeader(640, 480));
    await expect(confirmPhotoUpload(failing, farmer, LISTING, { uploadId, alt })).rejects.toMatchObject({
      code: 'photo_unreadable',
      messages: { vi: expect.stringContaining('Không đọc được ảnh') },
    });
    expect(objects.size).toBe(0);
    expect(photos()).toEqual([]);
  });

  it('only the owner or the consenting officer may add; the ninth photo is refused', async () => {
    const { deps } = memoryDeps();
    await expect(
      requestPhotoUpload(deps, stranger, LISTING, { contentType: 'image/jpeg', contentLength: 10 }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    for (let i = 0; i < PHOTO_LIMITS.maxPerListing; i += 1) {
      await addPhotoFromForm(deps, i % 2 ? officer : farmer, LISTING, { bytes: pngHeader(640, 480), alt });
    }
    await expect(
      addPhotoFromForm(deps, farmer, LISTING, { bytes: pngHeader(640, 480), alt }),
    ).rejects.toMatchObject({
      code: 'photo_limit',
    });
  });

  it('reorder puts the cover first; remove deletes the files after the listing lets go of them', async () => {
    const { deps, objects } = memoryDeps();
    const a = (await addPhotoFromForm(deps, farmer, LISTING, { bytes: pngHeader(300, 300), alt })).photos[0]!
      .id;
    const b = (await addPhotoFromForm(deps, farmer, LISTING, { bytes: pngHeader(300, 300), alt })).photos[1]!
      .id;
    expect(
      (await reorderListingPhotos(deps, farmer, LISTING, { photoIds: [b, a] })).photos.map((p) => p.id),
    ).toEqual([b, a]);
    await expect(reorderListingPhotos(deps, farmer, LISTING, { photoIds: [b] })).rejects.toMatchObject({
      code: 'photo_order',
    });
    expect((await removeListingPhoto(deps, farmer, LISTING, b)).photos.map((p) => p.id)).toEqual([a]);
    expect([...objects.keys()]).toEqual([`photos/${LISTING}/${a}-300.jpg`]);
  });
});
