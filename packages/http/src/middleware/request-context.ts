import type middy from '@middy/core';
import { logger } from '../logger.ts';
import { preferredLanguage } from '../problem.ts';
import type { HttpEvent, HttpResult, RequestState } from '../types.ts';

export const stateOf = (request: { internal: Record<string, unknown> }): RequestState =>
  request.internal as unknown as RequestState;

/** Request id, caller's language and a logger bound to both; first in, so every later error has them. */
export const requestContext = (): middy.MiddlewareObj<HttpEvent, HttpResult> => ({
  before: (request) => {
    const state = stateOf(request);
    state.requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId ?? 'unknown';
    state.language = preferredLanguage(header(request.event, 'accept-language'));
    logger.resetKeys();
    logger.appendKeys({ requestId: state.requestId, route: request.event.routeKey });
  },
});

/** Header lookup that does not depend on the caller's casing. */
export function header(event: HttpEvent, name: string): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key];
  return undefined;
}
