import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PhotoStore } from '@chophien/core';

/** Renditions are never rewritten under the same key (ids), so browsers and CloudFront may keep them. */
const PUBLIC_CACHE = 'public, max-age=31536000, immutable';

const isNotFound = (error: unknown) => {
  const name = (error as Error).name;
  return name === 'NotFound' || name === 'NoSuchKey';
};

/**
 * The AWS PhotoStore (bucket PHOTOS_BUCKET): presigned PUTs that sign Content-Type and Content-Length,
 * so S3 itself refuses any other type or size; CloudFront serves `photos/*` publicly.
 */
export function s3PhotoStore(options: {
  bucket: string;
  client?: S3Client;
  presignClient?: S3Client;
}): PhotoStore {
  const Bucket = options.bucket;
  const client = options.client ?? new S3Client({});
  // Without this the SDK would presign a CRC32 of the (empty) body it sees now, and S3 would refuse
  // the real upload with a checksum mismatch.
  const presignClient =
    options.presignClient ?? new S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
  const put = (key: string, bytes: Uint8Array, contentType: string, cache?: string) =>
    client.send(
      new PutObjectCommand({
        Bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ...(cache ? { CacheControl: cache } : {}),
      }),
    );
  return {
    async uploadTarget(key, declared, expiresInSeconds) {
      const url = await getSignedUrl(
        presignClient,
        new PutObjectCommand({
          Bucket,
          Key: key,
          ContentType: declared.contentType,
          ContentLength: declared.contentLength,
        }),
        { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) },
      );
      return { method: 'PUT', url, headers: { 'content-type': declared.contentType } };
    },
    async readUpload(key, maxBytes) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        if ((head.ContentLength ?? 0) > maxBytes) return 'too_large';
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : undefined;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    putUpload: async (key, bytes, contentType) => void (await put(key, bytes, contentType)),
    putPublic: async (key, bytes, contentType) => void (await put(key, bytes, contentType, PUBLIC_CACHE)),
    async remove(keys) {
      for (const key of keys) await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
