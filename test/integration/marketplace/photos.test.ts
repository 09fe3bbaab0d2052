import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PHOTO_LIMITS, sniffImage } from '@chophien/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { phones } from './fixtures.ts';

let api: TestApi;
let photosDir: string;
const tokens: Record<keyof typeof phones, string> = {} as never;
let jpeg: Buffer;

beforeAll(async () => {
  api = await startTestApi();
  photosDir = process.env.PHOTOS_DIR as string;
  for (const [who, phone] of Object.entries(phones))
    tokens[who as keyof typeof phones] = await api.tokenFor({ phone });
  // A real 1200 × 900 photo-like JPEG (a gradient, so it compresses like a picture, not a flat fill).
  const pixels = Buffer.alloc(1200 * 900 * 3);
  for (let y = 0; y < 900; y += 1) {
    for (let x = 0; x < 1200; x += 1) {
      const at = (y * 1200 + x) * 3;
      pixels[at] = (x * 255) / 1200;
      pixels[at + 1] = (y * 255) / 900;
      pixels[at + 2] = 0x32;
    }
  }
  jpeg = await sharp(pixels, { raw: { width: 1200, height: 900, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
});
afterAll(async () => {
  await api?.stop();
});

const consent = { method: 'in_person', givenAt: '2026-11-20T02:00:00.000Z' };
const listingBody = {
  title: { vi: 'Chè búp ảnh thử', en: 'Photo test tea' },
  description: { vi: 'Dùng để thử ảnh.' },
  category: 'che-ca-phe',
  baseUnit: 'g',
  stock: 1000,
  packs: [{ id: '100g', label: { vi: 'Gói 100 g' }, size: 100, priceVnd: 45_000 }],
  province: 'Thái Nguyên',
  commune: 'xã Tân Cương',
  status: 'published',
};

async function newListing(by: 'farmer1' | 'officer' = 'farmer1'): Promise<string> {
  const body =
    by === 'officer'
      ? { ...listingBody, onBehalfOf: { farmerId: seedId('farmer', 1), consent } }
      : listingBody;
  const response = await api.request('POST', '/listings', { token: tokens[by], body });
  expect(response.status).toBe(201);
  return response.json.id;
}

const askUpload = (
  token: string | undefined,
  listingId: string,
  contentType: string,
  contentLength: number,
) =>
  api.request('POST', `/listings/${listingId}/photos/uploads`, {
    ...(token ? { token } : {}),
    body: { contentType, contentLength },
  });

const put = (url: string, body: Uint8Array, contentType: string) =>
  fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body: Buffer.from(body) });

const confirm = (token: string, listingId: string, uploadId: string) =>
  api.request('POST', `/listings/${listingId}/photos`, {
    token,
    body: { uploadId, alt: { vi: 'Búp chè non trên nương', en: 'Young tea buds on the hill' } },
  });

/** Upload → confirm, the way a phone app does it; returns the confirm response. */
async function addPhoto(token: string, listingId: string, bytes: Uint8Array = jpeg) {
  const asked = await askUpload(token, listingId, 'image/jpeg', bytes.length);
  expect(asked.status).toBe(201);
  expect((await put(asked.json.upload.url, bytes, 'image/jpeg')).status).toBe(200);
  return confirm(token, listingId, asked.json.uploadId);
}

const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
    : [];

describe('listing photos (connected: real HTTP, DynamoDB Local, the local photo store)', () => {
  it('upload → confirm: 320 and 800 px JPEGs are stored, served, and the public product shows the photo', async () => {
    const id = await newListing();
    const asked = await askUpload(tokens.farmer1, id, 'image/jpeg', jpeg.length);
    expect(asked.status).toBe(201);
    expect(asked.json).toMatchObject({ upload: { method: 'PUT' }, maxBytes: PHOTO_LIMITS.maxBytes });
    expect(Date.parse(asked.json.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect((await put(asked.json.upload.url, jpeg, 'image/jpeg')).status).toBe(200);

    const confirmed = await confirm(tokens.farmer1, id, asked.json.uploadId);
    expect(confirmed.status).toBe(200);
    const [photo] = confirmed.json.photos;
    expect(photo).toMatchObject({ id: asked.json.uploadId, width: 800, height: 600 });
    expect(photo.alt).toEqual({ vi: 'Búp chè non trên nương', en: 'Young tea buds on the hill' });
    expect(photo.renditions.map((r: { width: number }) => r.width)).toEqual([320, 800]);
    expect(photo.srcset).toMatch(/-320\.jpg 320w, .*-800\.jpg 800w$/);

    for (const rendition of photo.renditions) {
      const served = await fetch(rendition.url);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/jpeg');
      const bytes = new Uint8Array(await served.arrayBuffer());
      expect(sniffImage(bytes)).toEqual({ format: 'jpeg', width: rendition.width, height: rendition.height });
    }
    // The staged original is gone once the renditions exist.
    expect(filesUnder(join(photosDir, 'uploads', id))).toEqual([]);

    const product = await api.request('GET', `/products/${id}`);
    expect(product.json.photos.map((p: { id: string }) => p.id)).toEqual([asked.json.uploadId]);

    // Confirming the same upload again attaches nothing twice.
    expect((await confirm(tokens.farmer1, id, asked.json.uploadId)).json.photos).toHaveLength(1);
  });

  it('a type or size the schema refuses never gets an upload URL', async () => {
    const id = await newListing();
    const gif = await askUpload(tokens.farmer1, id, 'image/gif', 1000);
    expect(gif.status).toBe(400);
    expect(JSON.stringify(gif.json.error.fields)).toContain('Chỉ nhận ảnh JPEG, PNG hoặc WebP');
    const huge = await askUpload(tokens.farmer1, id, 'image/jpeg', PHOTO_LIMITS.maxBytes + 1);
    expect(huge.status).toBe(400);
    expect(huge.json.error.fields[0].path).toBe('body.contentLength');
  });

  it('the upload URL takes only what it was signed for: longer body, other type, forged signature → refused, nothing stored', async () => {
    const id = await newListing();
    const asked = await askUpload(tokens.farmer1, id, 'image/jpeg', jpeg.length);
    const url = asked.json.upload.url as string;
    const bigger = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)]);
    expect((await put(url, bigger, 'image/jpeg')).status).toBe(400);
    expect((await put(url, jpeg, 'image/png')).status).toBe(403);
    const forged = new URL(url);
    forged.searchParams.set('length', String(bigger.length));
    expect((await put(forged.href, bigger, 'image/jpeg')).status).toBe(403);
    const otherKey = new URL(url);
    otherKey.searchParams.set('sig', `${otherKey.searchParams.get('sig')?.slice(0, -2)}AA`);
    expect((await put(otherKey.href, jpeg, 'image/jpeg')).status).toBe(403);
    expect(filesUnder(join(photosDir, 'uploads', id))).toEqual([]);

    const confirmed = await confirm(tokens.farmer1, id, asked.json.uploadId);
    expect(confirmed.status).toBe(404);
    expect(confirmed.json.error.code).toBe('upload_not_found');
    expect((await api.request('GET', `/products/${id}`)).json.photos ?? []).toEqual([]);
  });

  it('bytes that are not a JPEG/PNG/WebP (declared as JPEG) are refused at confirm with vi/en, and deleted', async () => {
    const id = await newListing();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const asked = await askUpload(tokens.farmer1, id, 'image/jpeg', svg.length);
    expect((await put(asked.json.upload.url, svg, 'image/jpeg')).status).toBe(200);
    const confirmed = await confirm(tokens.farmer1, id, asked.json.uploadId);
    expect(confirmed.status).toBe(422);
    expect(confirmed.json.error.code).toBe('photo_type');
    expect(JSON.stringify(confirmed.json)).toContain('Chỉ nhận ảnh JPEG, PNG hoặc WebP');
    expect(filesUnder(join(photosDir, 'uploads', id))).toEqual([]);
    expect(filesUnder(join(photosDir, 'photos', id))).toEqual([]);
  });

  it('a ~100 KB PNG declaring 6000 × 6000 px (36 MP) is refused from its header, with vi/en, and deleted', async () => {
    // An image bomb: tiny on the wire, 144 MB as a bitmap. The API's functions have 512 MB (cap 27.9 MP).
    const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#ffffff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(150_000);
    const id = await newListing();
    const asked = await askUpload(tokens.farmer1, id, 'image/png', bomb.length);
    expect((await put(asked.json.upload.url, bomb, 'image/png')).status).toBe(200);
    const confirmed = await confirm(tokens.farmer1, id, asked.json.uploadId);
    expect(confirmed.status).toBe(422);
    expect(confirmed.json.error.code).toBe('photo_pixels');
    expect(confirmed.json.error.details).toMatchObject({ width: 6000, height: 6000, maxPixels: 27_962_026 });
    expect(JSON.stringify(confirmed.json)).toContain('tối đa 27.9 MP');
    expect(filesUnder(join(photosDir, 'uploads', id))).toEqual([]);
    expect(filesUnder(join(photosDir, 'photos', id))).toEqual([]);
  });

  it('an upload id of one listing cannot be confirmed on another', async () => {
    const a = await newListing();
    const b = await newListing();
    const asked = await askUpload(tokens.farmer1, a, 'image/jpeg', jpeg.length);
    await put(asked.json.upload.url, jpeg, 'image/jpeg');
    expect((await confirm(tokens.farmer1, b, asked.json.uploadId)).status).toBe(404);
  });

  it('reorder makes a cover; remove deletes the files; the ninth photo is refused', async () => {
    const id = await newListing();
    const small = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#8bc34a' } })
      .jpeg()
      .toBuffer();
    const first = (await addPhoto(tokens.farmer1, id, small)).json.photos[0].id;
    const second = (await addPhoto(tokens.farmer1, id, small)).json.photos[1].id;
    const reordered = await api.request('PUT', `/listings/${id}/photos/order`, {
      token: tokens.farmer1,
      body: { photoIds: [second, first] },
    });
    expect(reordered.json.photos.map((p: { id: string }) => p.id)).toEqual([second, first]);
    const removed = await api.request('DELETE', `/listings/${id}/photos/${second}`, {
      token: tokens.farmer1,
    });
    expect(removed.json.photos.map((p: { id: string }) => p.id)).toEqual([first]);
    expect(filesUnder(join(photosDir, 'photos', id)).some((f) => f.includes(second))).toBe(false);

    for (let i = 1; i < 8; i += 1) expect((await addPhoto(tokens.farmer1, id, small)).status).toBe(200);
    const ninth = await askUpload(tokens.farmer1, id, 'image/jpeg', small.length);
    expect(ninth.status).toBe(409);
    expect(ninth.json.error.code).toBe('photo_limit');
  });

  describe('authorization matrix (a listing of farmer 1, and one the officer listed for farmer 1 with consent)', () => {
    let own: string;
    let viaOfficer: string;
    beforeAll(async () => {
      own = await newListing('farmer1');
      viaOfficer = await newListing('officer');
    });

    it.each([
      ['owner farmer', 'farmer1', 'own', 201],
      ['another farmer', 'farmer2', 'own', 403],
      ['officer who did not list it', 'officer', 'own', 403],
      ['officer who listed it with consent', 'officer', 'viaOfficer', 201],
      ['owner farmer of an officer-made listing', 'farmer1', 'viaOfficer', 201],
      ['buyer', 'buyer', 'own', 403],
      ['vendor', 'vendor', 'own', 403],
      ['market manager', 'manager', 'own', 403],
      ['admin', 'admin', 'own', 403],
    ] as const)('asking for an upload, by the %s → %i', async (_label, who, which, status) => {
      const id = which === 'own' ? own : viaOfficer;
      expect((await askUpload(tokens[who], id, 'image/jpeg', 1000)).status).toBe(status);
    });

    it('nobody signed in → 401', async () => {
      expect((await askUpload(undefined, own, 'image/jpeg', 1000)).status).toBe(401);
    });

    it.each([
      ['another farmer', 'farmer2', 403],
      ['officer who did not list it', 'officer', 403],
      ['buyer', 'buyer', 403],
      ['vendor', 'vendor', 403],
      ['market manager', 'manager', 403],
      ['admin', 'admin', 403],
    ] as const)(
      'confirm, reorder and remove by the %s (%s) → %i, and the photo stays',
      async (_label, who, status) => {
        const added = (await addPhoto(tokens.farmer1, own)).json.photos;
        const photoId = added[added.length - 1].id;
        const asked = await askUpload(tokens.farmer1, own, 'image/jpeg', jpeg.length);
        await put(asked.json.upload.url, jpeg, 'image/jpeg');
        expect((await confirm(tokens[who], own, asked.json.uploadId)).status).toBe(status);
        expect(
          (
            await api.request('PUT', `/listings/${own}/photos/order`, {
              token: tokens[who],
              body: { photoIds: added.map((p: { id: string }) => p.id) },
            })
          ).status,
        ).toBe(status);
        expect(
          (await api.request('DELETE', `/listings/${own}/photos/${photoId}`, { token: tokens[who] })).status,
        ).toBe(status);
        const after = await api.request('GET', `/listings/${own}/photos`, { token: tokens.farmer1 });
        expect(after.json.photos.map((p: { id: string }) => p.id)).toContain(photoId);
        expect(after.json.photos.map((p: { id: string }) => p.id)).not.toContain(asked.json.uploadId);
        // Keep the listing under the limit for the next row.
        await api.request('DELETE', `/listings/${own}/photos/${photoId}`, { token: tokens.farmer1 });
      },
    );

    it('the officer who listed it with consent may confirm, reorder and remove', async () => {
      const added = await addPhoto(tokens.officer, viaOfficer);
      expect(added.status).toBe(200);
      const photoId = added.json.photos[0].id;
      expect(
        (
          await api.request('PUT', `/listings/${viaOfficer}/photos/order`, {
            token: tokens.officer,
            body: { photoIds: [photoId] },
          })
        ).status,
      ).toBe(200);
      expect(
        (await api.request('DELETE', `/listings/${viaOfficer}/photos/${photoId}`, { token: tokens.officer }))
          .status,
      ).toBe(200);
    });
  });
});
