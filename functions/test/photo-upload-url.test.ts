import { describe, expect, it } from 'vitest';
import { photoPath } from '../marketplace/photos/file-photo-store.ts';
import {
  localUploadUrl,
  signLocalUpload,
  verifyLocalUpload,
} from '../marketplace/photos/signed-upload-url.ts';

const SECRET = 'test-secret-0123456789abcdef';
const now = new Date('2026-11-01T00:00:00Z');
const grant = {
  key: 'uploads/01JB0000000000000000000001/01JC0000000000000000000001',
  contentType: 'image/jpeg',
  contentLength: 123_456,
  expires: Math.floor(now.getTime() / 1000) + 300,
};

const url = () => new URL(localUploadUrl('http://127.0.0.1:3000', SECRET, grant));

describe('local signed upload URLs (the stand-in for a presigned S3 PUT)', () => {
  it('verifies an untouched URL and returns exactly what was signed', () => {
    expect(verifyLocalUpload(SECRET, url(), now)).toEqual({ ok: true, grant });
    expect(url().pathname).toBe('/local/photos/upload');
  });

  it('expires: valid through its last second, refused one second after', () => {
    expect(verifyLocalUpload(SECRET, url(), new Date(grant.expires * 1000)).ok).toBe(true);
    expect(verifyLocalUpload(SECRET, url(), new Date(grant.expires * 1000 + 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each([
    ['key', 'uploads/01JB0000000000000000000002/01JC0000000000000000000001'],
    ['type', 'image/png'],
    ['length', '123457'],
    ['expires', String(grant.expires + 3600)],
    ['sig', signLocalUpload('another-secret-0123456789', grant)],
  ])('refuses a URL whose %s was changed', (param, value) => {
    const tampered = url();
    tampered.searchParams.set(param, value);
    expect(verifyLocalUpload(SECRET, tampered, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses keys outside the staging area and malformed numbers before checking anything else', () => {
    for (const key of ['photos/x/y-800.jpg', 'uploads/../../etc/passwd', 'uploads/a/b']) {
      const bad = url();
      bad.searchParams.set('key', key);
      expect(verifyLocalUpload(SECRET, bad, now)).toEqual({ ok: false, reason: 'malformed' });
    }
    const noLength = url();
    noLength.searchParams.delete('length');
    expect(verifyLocalUpload(SECRET, noLength, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('the file store never resolves a key outside its folder', () => {
    expect(photoPath('/data/photos', 'photos/L1/P1-320.jpg')).toBe('/data/photos/photos/L1/P1-320.jpg');
    for (const key of ['photos/../../etc/passwd', '../x', '/etc/passwd', 'other/x.jpg', 'photos/./x']) {
      expect(() => photoPath('/data/photos', key)).toThrow(/unsafe/);
    }
  });
});
