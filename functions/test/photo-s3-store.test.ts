import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { s3PhotoStore } from '../marketplace/photos/s3-photo-store.ts';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'example-secret' };
const presignClient = new S3Client({
  region: 'ap-southeast-1',
  credentials,
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const KEY = 'uploads/01JB0000000000000000000001/01JC0000000000000000000001';

describe('S3 photo store (the AWS adapter of PhotoStore)', () => {
  it('presigns a PUT bound to the declared type and length, short-lived, with no checksum of an empty body', async () => {
    const store = s3PhotoStore({ bucket: 'chophien-photos', client: new S3Client({}), presignClient });
    const target = await store.uploadTarget(KEY, { contentType: 'image/jpeg', contentLength: 123_456 }, 300);
    const url = new URL(target.url);
    expect(target.method).toBe('PUT');
    expect(target.headers).toEqual({ 'content-type': 'image/jpeg' });
    expect(url.pathname).toContain(KEY);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    );
    expect(url.searchParams.has('x-amz-checksum-crc32')).toBe(false);
  });

  it('reads a staged upload; over the limit it answers too_large without downloading; missing → undefined', async () => {
    const store = s3PhotoStore({ bucket: 'b', client: new S3Client({}), presignClient });
    s3.on(HeadObjectCommand, { Key: 'uploads/big' }).resolves({ ContentLength: 6 * 1024 * 1024 });
    s3.on(HeadObjectCommand, { Key: 'uploads/ok' }).resolves({ ContentLength: 3 });
    s3.on(GetObjectCommand, { Key: 'uploads/ok' }).resolves({
      // The slice of the SDK's stream the store reads.
      Body: { transformToByteArray: async () => new Uint8Array([1, 2, 3]) } as never,
    });
    s3.on(HeadObjectCommand, { Key: 'uploads/none' }).rejects(
      Object.assign(new Error('no'), { name: 'NotFound' }),
    );
    expect(await store.readUpload('uploads/big', 5 * 1024 * 1024)).toBe('too_large');
    expect(s3.commandCalls(GetObjectCommand, { Key: 'uploads/big' })).toHaveLength(0);
    expect(Array.from((await store.readUpload('uploads/ok', 10)) as Uint8Array)).toEqual([1, 2, 3]);
    expect(await store.readUpload('uploads/none', 10)).toBeUndefined();
  });

  it('public renditions are written immutable-cacheable with their type; removal deletes each key', async () => {
    const store = s3PhotoStore({ bucket: 'b', client: new S3Client({}), presignClient });
    s3.on(PutObjectCommand).resolves({});
    s3.on(DeleteObjectCommand).resolves({});
    await store.putPublic('photos/L/P-800.jpg', new Uint8Array([1]), 'image/jpeg');
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'b',
      Key: 'photos/L/P-800.jpg',
      ContentType: 'image/jpeg',
      CacheControl: 'public, max-age=31536000, immutable',
    });
    await store.remove(['photos/L/P-320.jpg', 'photos/L/P-800.jpg']);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([
      'photos/L/P-320.jpg',
      'photos/L/P-800.jpg',
    ]);
  });
});
