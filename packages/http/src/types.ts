import type { Actor } from '@chophien/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Language } from './problem.ts';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What the factory's middlewares attach to the middy request before the use-case runs. */
export interface RequestState {
  requestId: string;
  language: Language;
  /** Raw body as text (base64 already decoded). */
  rawBody?: string;
  json?: unknown;
  actor?: Actor;
}

export interface MiddyRequest {
  event: HttpEvent;
  context: Context;
  response: HttpResult | undefined;
  error: unknown;
  internal: Record<string, unknown>;
}

/** A handler returns plain data (sent as JSON 200) or an HttpReply for other statuses and content types. */
export class HttpReply {
  constructor(
    readonly body: unknown,
    readonly statusCode = 200,
    readonly headers: Record<string, string> = {},
    /** `body` is a string sent as-is with the content type in `headers`, not JSON. */
    readonly raw = false,
    readonly cookies: readonly string[] = [],
    /** `body` is base64 of binary content (PDF, images): API Gateway decodes it (`isBase64Encoded`). */
    readonly base64 = false,
  ) {}
}

export const reply = {
  json: (body: unknown, statusCode = 200, headers: Record<string, string> = {}) =>
    new HttpReply(body, statusCode, headers),
  created: (body: unknown) => new HttpReply(body, 201),
  text: (body: string, contentType: string, statusCode = 200, headers: Record<string, string> = {}) =>
    new HttpReply(body, statusCode, { ...headers, 'content-type': contentType }, true),
  redirect: (location: string, statusCode = 303) => new HttpReply('', statusCode, { location }, true),
  binary: (body: Uint8Array, contentType: string, headers: Record<string, string> = {}) =>
    new HttpReply(
      Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('base64'),
      200,
      { ...headers, 'content-type': contentType },
      true,
      [],
      true,
    ),
};
