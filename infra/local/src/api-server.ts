import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RouteDefinition } from '@chophien/functions';
import type { HttpEvent, HttpResult } from '@chophien/http';
import type { Context } from 'aws-lambda';
import { readBody, toHttpApiEvent, writeHttpApiResult } from './api-gateway-event.ts';
import { createRouter } from './router.ts';

type LambdaHandler = (event: HttpEvent, context: Context) => Promise<HttpResult>;

/** Routes that exist only in local mode (the development identity provider, live feeds). */
export interface LocalRoute {
  readonly method: string;
  /** Exact path, or a prefix ending in `/*` (e.g. `/photos/*`). */
  readonly path: string;
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> | void;
}

/** API Gateway HTTP APIs accept payloads up to 10 MB; handlers apply their own, smaller limit. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(payload));
}

/**
 * The local stand-in for API Gateway: the same route table, the same handler modules,
 * each request turned into an HTTP API v2 event and the result written back.
 */
export function createApiServer(options: {
  routes: readonly RouteDefinition[];
  functionsDir: string;
  localRoutes?: readonly LocalRoute[];
  onError?: (error: unknown) => void;
}): Server {
  const route = createRouter(options.routes);
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const loadHandler = (module: string) => {
    let loaded = handlers.get(module);
    if (!loaded) {
      const url = pathToFileURL(join(options.functionsDir, `${module}.ts`)).href;
      loaded = import(url).then((imported: { handler: LambdaHandler }) => imported.handler);
      handlers.set(module, loaded);
    }
    return loaded;
  };

  return createServer(async (req, res) => {
    try {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const body = await readBody(req, GATEWAY_BODY_LIMIT);
      if (body === 'too_large') return sendJson(res, 413, { message: 'Request Entity Too Large' });

      const local = options.localRoutes?.find(
        (entry) =>
          entry.method === method &&
          (entry.path.endsWith('/*') ? path.startsWith(entry.path.slice(0, -1)) : entry.path === path),
      );
      if (local) return await local.handle(req, res, body);

      const match = route(method, path);
      if (match.kind === 'not_found') return sendJson(res, 404, { message: 'Not Found' });
      const handler = await loadHandler(match.compiled.route.handler);
      const event = toHttpApiEvent(req, body, {
        routeKey: match.compiled.routeKey,
        pathParameters: match.pathParameters,
      });
      const result = await handler(event, lambdaContext(match.compiled.route.handler.replace(/\//g, '-')));
      writeHttpApiResult(res, result);
    } catch (error) {
      options.onError?.(error);
      // What API Gateway answers when the integration itself fails.
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.end();
    }
  });
}
