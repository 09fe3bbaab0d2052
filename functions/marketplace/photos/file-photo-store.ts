import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { PhotoStore } from '@chophien/core';
import { localUploadUrl } from './signed-upload-url.ts';

const SAFE_KEY = /^(uploads|photos)\/[0-9A-Za-z_-]+(\/[0-9A-Za-z_.-]+)*$/;

/** `dir/<key>`, refusing any key that could leave `dir`. */
export function photoPath(dir: string, key: string): string {
  if (!SAFE_KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.')) {
    throw new Error(`unsafe photo key: ${key}`);
  }
  const root = resolve(dir);
  const path = resolve(root, key);
  if (!path.startsWith(root + sep)) throw new Error(`unsafe photo key: ${key}`);
  return path;
}

/**
 * The local PhotoStore: a folder under the data dir (PHOTOS_DIR). Upload targets are signed URLs on
 * the local API server (infra/local/src/photos), which writes the bytes here; `/photos/*` is served
 * from here too.
 */
export function filePhotoStore(options: { dir: string; apiUrl: string; uploadSecret: string }): PhotoStore {
  const write = async (key: string, bytes: Uint8Array) => {
    const path = photoPath(options.dir, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  };
  return {
    async uploadTarget(key, declared, expiresInSeconds) {
      const expires = Math.floor(Date.now() / 1000) + expiresInSeconds;
      return {
        method: 'PUT',
        url: localUploadUrl(options.apiUrl, options.uploadSecret, { key, ...declared, expires }),
        headers: { 'content-type': declared.contentType },
      };
    },
    async readUpload(key, maxBytes) {
      const path = photoPath(options.dir, key);
      try {
        if ((await stat(path)).size > maxBytes) return 'too_large';
        return new Uint8Array(await readFile(path));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    putUpload: (key, bytes) => write(key, bytes),
    putPublic: (key, bytes) => write(key, bytes),
    async remove(keys) {
      for (const key of keys) await rm(photoPath(options.dir, key), { force: true });
    },
  };
}

export const photosRoot = (dir: string) => join(resolve(dir), 'photos');
