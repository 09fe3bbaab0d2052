/**
 * The local stand-ins for what S3 and CloudFront do for photos on AWS (docs/decisions/0603-listing-photos.md):
 * `PUT /local/photos/upload?…&sig=…` accepts an upload only with a valid, unexpired signature for exactly
 * that key, type and length (like a presigned PUT), and `GET /photos/*` serves the storefront renditions.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { filePhotoStore, photoPath } from '../../../../functions/marketplace/photos/file-photo-store.ts';
import {
  LOCAL_UPLOAD_PATH,
  verifyLocalUpload,
} from '../../../../functions/marketplace/photos/signed-upload-url.ts';
import { type LocalRoute, sendJson } from '../api-server.ts';
import type { LocalRouteContext } from '../local-routes/index.ts';

const CONTENT_TYPES: Record<string, string> = { jpg: 'image/jpeg', webp: 'image/webp' };

/** Where the local runtime keeps photos: a folder in the data dir. */
export const localPhotosDir = (dataDir: string) => join(dataDir, 'photos');

const refuse = (res: ServerResponse, status: number, code: string, vi: string, en: string) =>
  sendJson(res, status, { error: { code, message: { vi, en } } });

export function photoLocalRoutes(context: LocalRouteContext): LocalRoute[] {
  const dir = () => process.env.PHOTOS_DIR ?? localPhotosDir(context.dataDir ?? '.data');
  const secret = () => process.env.PHOTOS_UPLOAD_SECRET ?? '';

  async function upload(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const check = verifyLocalUpload(secret(), new URL(req.url ?? '/', 'http://localhost'), new Date());
    if (!check.ok) {
      return check.reason === 'expired'
        ? refuse(res, 403, 'upload_expired', 'Liên kết tải lên đã hết hạn.', 'The upload link has expired.')
        : refuse(
            res,
            403,
            'upload_signature',
            'Liên kết tải lên không hợp lệ.',
            'The upload link is not valid.',
          );
    }
    const { grant } = check;
    if ((req.headers['content-type'] ?? '') !== grant.contentType) {
      return refuse(
        res,
        403,
        'upload_content_type',
        'Loại tệp khác với đã khai báo.',
        'The content type differs from the one signed.',
      );
    }
    if (body.length !== grant.contentLength) {
      return refuse(
        res,
        400,
        'upload_length',
        'Kích thước tệp khác với đã khai báo.',
        'The body length differs from the one signed.',
      );
    }
    const store = filePhotoStore({ dir: dir(), apiUrl: context.apiUrl, uploadSecret: secret() });
    await store.putUpload(grant.key, body, grant.contentType);
    res.writeHead(200, { 'access-control-allow-origin': '*' });
    res.end();
  }

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname).slice(1);
    const ext = path.split('.').pop() ?? '';
    let file: string;
    try {
      file = photoPath(dir(), path);
    } catch {
      return sendJson(res, 404, { message: 'Not Found' });
    }
    if (!path.startsWith('photos/') || !CONTENT_TYPES[ext])
      return sendJson(res, 404, { message: 'Not Found' });
    try {
      const bytes = await readFile(file);
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[ext],
        'content-length': bytes.length,
        'cache-control': 'public, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
        // The storefront (another port locally) shows these images.
        'cross-origin-resource-policy': 'cross-origin',
      });
      res.end(bytes);
    } catch {
      sendJson(res, 404, { message: 'Not Found' });
    }
  }

  return [
    { method: 'PUT', path: LOCAL_UPLOAD_PATH, handle: upload },
    {
      method: 'OPTIONS',
      path: LOCAL_UPLOAD_PATH,
      handle: (_req, res) => {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'PUT',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '600',
        });
        res.end();
      },
    },
    { method: 'GET', path: '/photos/*', handle: serve },
  ];
}
