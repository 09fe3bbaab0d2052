import { type Actor, type FieldIssue, toFieldIssues } from '@chophien/core';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type * as z from 'zod';
import { logger } from './logger.ts';
import { type AuthRule, authenticate } from './middleware/authenticate.ts';
import { jsonBody } from './middleware/body.ts';
import { errorHandler, jsonResult } from './middleware/error-handler.ts';
import { requestContext, stateOf } from './middleware/request-context.ts';
import { HttpError, type Language } from './problem.ts';
import { type HttpEvent, HttpReply, type HttpResult } from './types.ts';

/** The slice of a route-table entry the factory needs (functions/routes.ts holds the table). */
export interface RouteSpec {
  readonly method: string;
  readonly path: string;
  readonly auth: AuthRule;
  readonly rawBody?: boolean;
}

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface HandlerInput<B, Q, P, A> {
  readonly body: B;
  readonly query: Q;
  readonly path: P;
  readonly actor: A;
  readonly rawBody: string | undefined;
  readonly requestId: string;
  readonly language: Language;
  readonly event: HttpEvent;
  /** The caller's network address as API Gateway saw it: the subject of per-client throttles. */
  readonly client: string | undefined;
}

export interface HandlerSpec<BS, QS, PS, A> {
  readonly body?: BS;
  readonly query?: QS;
  readonly path?: PS;
  handle(input: HandlerInput<Infer<BS>, Infer<QS>, Infer<PS>, A>): Promise<unknown> | unknown;
}

type ActorFor<R extends RouteSpec> = R['auth'] extends 'public' ? Actor | undefined : Actor;

function parsePart(schema: Schema | undefined, value: unknown, prefix: string, issues: FieldIssue[]) {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? (prefix === 'body' ? undefined : {}));
  if (result.success) return result.data;
  issues.push(...toFieldIssues(result.error.issues, prefix));
  return undefined;
}

/** middy hands its request object only to middlewares; this carries it to the core function. */
const stateCarrier = new WeakMap<HttpEvent, { internal: Record<string, unknown> }>();

const BASE_HEADERS = { 'x-content-type-options': 'nosniff' };

function toResult(value: unknown): HttpResult {
  if (value instanceof HttpReply) {
    const cookies = value.cookies.length > 0 ? { cookies: [...value.cookies] } : {};
    if (value.raw) {
      return {
        statusCode: value.statusCode,
        headers: { ...BASE_HEADERS, ...value.headers },
        body: String(value.body ?? ''),
        ...(value.base64 ? { isBase64Encoded: true } : {}),
        ...cookies,
      };
    }
    return { ...jsonResult(value.statusCode, value.body, { ...BASE_HEADERS, ...value.headers }), ...cookies };
  }
  if (value === undefined) return { statusCode: 204, headers: BASE_HEADERS };
  return jsonResult(200, value, BASE_HEADERS);
}

/**
 * The one way to write an HTTP handler: route auth → body limits → zod → use-case → error mapping.
 * Handlers stay thin: a schema and a call into packages/core.
 */
export function createHandler<
  R extends RouteSpec,
  BS extends Schema | undefined = undefined,
  QS extends Schema | undefined = undefined,
  PS extends Schema | undefined = undefined,
>(
  route: R,
  spec: HandlerSpec<BS, QS, PS, ActorFor<R>>,
): (event: HttpEvent, context: Context) => Promise<HttpResult> {
  const core = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
    void context;
    const state = stateOf(stateCarrier.get(event) ?? { internal: {} });
    const issues: FieldIssue[] = [];
    const body = parsePart(spec.body, state.json, 'body', issues);
    const query = parsePart(spec.query, event.queryStringParameters, 'query', issues);
    const path = parsePart(spec.path, event.pathParameters, 'path', issues);
    if (issues.length > 0) {
      throw new HttpError(
        400,
        'validation_failed',
        { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
        issues,
      );
    }
    const value = await spec.handle({
      body: body as Infer<BS>,
      query: query as Infer<QS>,
      path: path as Infer<PS>,
      actor: state.actor as ActorFor<R>,
      rawBody: state.rawBody,
      requestId: state.requestId,
      language: state.language,
      event,
      client: event.requestContext?.http?.sourceIp,
    });
    const result = toResult(value);
    logger.info('request handled', { statusCode: result.statusCode });
    return result;
  };

  return middy<HttpEvent, HttpResult>(core)
    .use({ before: (request) => void stateCarrier.set(request.event, request) })
    .use(errorHandler())
    .use(requestContext())
    .use(jsonBody({ raw: route.rawBody === true }))
    .use(authenticate(route.auth));
}
