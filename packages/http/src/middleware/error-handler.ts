import { isDomainError } from '@chophien/core';
import type middy from '@middy/core';
import { logger } from '../logger.ts';
import { HttpError, headersOfError, problemBody, statusOfKind } from '../problem.ts';
import type { HttpEvent, HttpResult } from '../types.ts';
import { stateOf } from './request-context.ts';

export const jsonResult = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

/**
 * Last middleware: only errors marked safe (HttpError, DomainError) are shown as they are;
 * anything else is logged and answered with a bare 500 carrying the request id.
 */
export const errorHandler = (): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    const state = stateOf(request);
    const requestId = state.requestId ?? 'unknown';
    const language = state.language ?? 'vi';
    const error = request.error;

    if (error instanceof HttpError) {
      request.response = jsonResult(error.statusCode, problemBody(error, requestId, language));
      return;
    }
    if (isDomainError(error)) {
      request.response = jsonResult(
        statusOfKind[error.kind],
        problemBody(error, requestId, language),
        headersOfError(error.kind, error.details),
      );
      return;
    }
    logger.error('unhandled error', error as Error);
    request.response = jsonResult(
      500,
      problemBody(
        {
          code: 'internal_error',
          messages: {
            vi: 'Hệ thống gặp lỗi. Vui lòng thử lại; nếu vẫn lỗi, báo mã yêu cầu cho chúng tôi.',
            en: 'Something went wrong. Please retry; if it persists, quote the request id to us.',
          },
        },
        requestId,
        language,
      ),
    );
  },
});
