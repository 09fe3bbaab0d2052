import type middy from '@middy/core';
import { httpConfig } from '../config.ts';
import { HttpError } from '../problem.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import { header, stateOf } from './request-context.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Size limit (413), content type (415) and JSON parsing (400), in that order, for requests with a body.
 * `raw` routes keep the exact text: webhook signatures are computed over the bytes as sent.
 */
export const jsonBody = (options: { raw: boolean }): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  before: (request) => {
    const state = stateOf(request);
    const { body, isBase64Encoded } = request.event;
    if (body === undefined || body === null || body === '') return;

    const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
    if (Buffer.byteLength(text, 'utf8') > httpConfig().MAX_BODY_BYTES) {
      throw new HttpError(413, 'payload_too_large', {
        vi: `Nội dung gửi lên quá lớn (tối đa ${Math.floor(httpConfig().MAX_BODY_BYTES / 1024)} KB).`,
        en: `Request body too large (at most ${Math.floor(httpConfig().MAX_BODY_BYTES / 1024)} KB).`,
      });
    }
    state.rawBody = text;

    const contentType = header(request.event, 'content-type') ?? '';
    if (!JSON_TYPE.test(contentType)) {
      throw new HttpError(415, 'unsupported_media_type', {
        vi: 'Chỉ chấp nhận nội dung JSON (Content-Type: application/json).',
        en: 'Only JSON bodies are accepted (Content-Type: application/json).',
      });
    }
    if (options.raw) return;
    try {
      state.json = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'malformed_json', {
        vi: 'Nội dung JSON không hợp lệ.',
        en: 'The request body is not valid JSON.',
      });
    }
  },
});
