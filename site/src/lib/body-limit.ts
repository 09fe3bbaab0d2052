import { PHOTO_LIMITS } from '@chophien/core';

/**
 * How large a request body the storefront reads. Its forms are small (the largest, a listing with a
 * 4,000-character description in two languages, is under 100 KB even percent-encoded); only the photo
 * page takes a file, up to the photo limit plus the multipart envelope. Decided before any page reads
 * the body: from Content-Length when there is one (browsers always send it with a form, and Node reads no
 * more than it declares), else by counting a copy of the stream and stopping one byte past the limit.
 */
export const FORM_BODY_MAX_BYTES = 128 * 1024;
const PHOTO_BODY_MAX_BYTES = PHOTO_LIMITS.maxBytes + 64 * 1024;
/** The language-free path of the no-JavaScript photo upload (site/src/pages/nong-dan/san-pham/[id]/anh). */
const PHOTO_UPLOAD_PATH = /^\/nong-dan\/san-pham\/[^/]+\/anh\/?$/;

export const bodyLimitFor = (path: string): number =>
  PHOTO_UPLOAD_PATH.test(path) ? PHOTO_BODY_MAX_BYTES : FORM_BODY_MAX_BYTES;

const kb = (bytes: number) => Math.floor(bytes / 1024);

const tooLarge = (limit: number) =>
  new Response(
    `Nội dung gửi lên quá lớn (tối đa ${kb(limit)} KB).\nRequest body too large (at most ${kb(limit)} KB).\n`,
    {
      status: 413,
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'close',
      },
    },
  );

/** True when the stream holds more than `limit` bytes; reads at most one chunk past the limit. */
async function exceeds(body: ReadableStream<Uint8Array>, limit: number): Promise<boolean> {
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    total += value.byteLength;
    if (total > limit) {
      // Not awaited: cancelling one branch of a tee settles only when the other is cancelled too.
      reader.cancel().catch(() => undefined);
      return true;
    }
  }
}

/** A 413 for a body the storefront will not read; undefined when it may go on. */
export async function bodyRefusal(request: Request, path: string): Promise<Response | undefined> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.body === null) return undefined;
  const limit = bodyLimitFor(path);
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const length = Number(declared);
    return Number.isSafeInteger(length) && length >= 0 && length <= limit ? undefined : tooLarge(limit);
  }
  // No length (chunked): count a copy; the page still reads the original.
  const copy = request.clone().body;
  return copy && (await exceeds(copy, limit)) ? tooLarge(limit) : undefined;
}
