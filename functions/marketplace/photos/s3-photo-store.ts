import type { S3Client } from '@aws-sdk/client-s3';
import type { PhotoStore } from '@chophien/core';

/** Renditions are never rewritten under the same key (ids), so browsers and CloudFront may keep them. */
const PUBLIC_CACHE = 'public, max-age=31536000, immutable';

const isNotFound = (error: unknown) => {
  const name = (error as Error).name;
  return name === 'NotFound' || name === 'NoSuchKey';
};

/**
 * The AWS PhotoStore (bucket PHOTOS_BUCKET): presigned PUTs that sign Content-Type and Content-Length,
 * so S3 itself refuses any other type or size; CloudFront serves `photos/*` publicly. The S3 client
 * (~110 KB bundled) loads on the first call that needs it: listing and reordering photos never do.
 */
export function s3PhotoStore(options: {
  bucket: string;
  client?: S3Client;
  presignClient?: S3Client;
}): PhotoStore {
  const Bucket = options.bucket;
  let loaded: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }> | undefined;
  const s3 = () => {
    loaded ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: options.client ?? new sdk.S3Client({}),
    }));
    return loaded;
  };
  const put = async (key: string, bytes: Uint8Array, contentType: string, cache?: string) => {
    const { sdk, client } = await s3();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ...(cache ? { CacheControl: cache } : {}),
      }),
    );
  };
  return {
    async uploadTarget(key, declared, expiresInSeconds) {
      const [{ sdk }, { getSignedUrl }] = await Promise.all([s3(), import('@aws-sdk/s3-request-presigner')]);
      // Without this the SDK would presign a CRC32 of the (empty) body it sees now, and S3 would refuse
      // the real upload with a checksum mismatch.
      const presignClient =
        options.presignClient ?? new sdk.S3Client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
      const url = await getSignedUrl(
        presignClient,
        new sdk.PutObjectCommand({
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
      const { sdk, client } = await s3();
      try {
        const head = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: key }));
        if ((head.ContentLength ?? 0) > maxBytes) return 'too_large';
        const object = await client.send(new sdk.GetObjectCommand({ Bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : undefined;
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    putUpload: (key, bytes, contentType) => put(key, bytes, contentType),
    putPublic: (key, bytes, contentType) => put(key, bytes, contentType, PUBLIC_CACHE),
    async remove(keys) {
      if (keys.length === 0) return;
      const { sdk, client } = await s3();
      for (const key of keys) await client.send(new sdk.DeleteObjectCommand({ Bucket, Key: key }));
    },
  };
}
