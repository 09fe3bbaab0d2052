/**
 * An API Gateway WebSocket API as its template describes it: `$connect` / `$disconnect` Lambda proxy
 * integrations (and MOCK routes), one stage, and the `@connections` management API that functions
 * call with their own credentials (authorized as `execute-api:ManageConnections` by the stand-in).
 * A connection is a mailbox the test reads, as the vendor's browser would receive frames.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json, ResourceRef } from './assembly.ts';
import type { Deployment } from './deployment.ts';
import type { Sandbox } from './sandbox.ts';

export interface Connection {
  readonly id: string;
  readonly frames: string[];
  open: boolean;
}

export interface WebSocketApiStandIn {
  readonly apiId: string;
  readonly host: string;
  readonly stage: string;
  /** `wss://<id>.execute-api.<region>.amazonaws.com/<stage>` */
  readonly url: string;
  readonly connections: ReadonlyMap<string, Connection>;
  /** Opens a socket the way a browser does: `$connect` decides (any status but 2xx refuses it). */
  connect(
    query: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; connection?: Connection }>;
  disconnect(connection: Connection): Promise<void>;
  /** The management API (`POST|GET|DELETE /<stage>/@connections/<id>`), after IAM. */
  manage(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): Promise<unknown>;
}

export function webSocketApiStandIn(options: {
  api: ResourceRef;
  deployment: Deployment;
  functionByArn: (arn: string) => Sandbox | undefined;
  authorizeManage: (
    req: IncomingMessage,
    url: URL,
    res: ServerResponse,
    resource: string,
  ) => Promise<boolean>;
}): WebSocketApiStandIn {
  const { api, deployment } = options;
  const { stack } = api;
  const physical = deployment.physicalOf(stack, api.logicalId);
  const ofApi = Object.entries(stack.template.Resources).filter(
    ([, resource]) => (resource.Properties?.['ApiId'] as { Ref?: string } | undefined)?.Ref === api.logicalId,
  );
  const stageResource = ofApi.find(([, resource]) => resource.Type === 'AWS::ApiGatewayV2::Stage');
  if (!stageResource) throw new Error(`${api.logicalId}: no stage`);
  const stage = String(stageResource[1].Properties!['StageName']);
  const integrationFunctions = new Map<string, string | 'MOCK'>();
  for (const [id, resource] of ofApi) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Integration') continue;
    const props = resource.Properties!;
    if (props['IntegrationType'] === 'MOCK') {
      integrationFunctions.set(deployment.physicalOf(stack, id).ref, 'MOCK');
      continue;
    }
    const uri = deployment.resolveString(stack, props['IntegrationUri'] as Json);
    const arn = /functions\/(arn:[^/]+)\/invocations$/.exec(uri)?.[1];
    if (!arn) throw new Error(`${id}: integration ${uri} is not a Lambda function`);
    integrationFunctions.set(deployment.physicalOf(stack, id).ref, arn);
  }
  const routeFunctions = new Map<string, string | 'MOCK'>();
  for (const [, resource] of ofApi) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const target = deployment
      .resolveString(stack, resource.Properties!['Target'] as Json)
      .replace(/^integrations\//, '');
    routeFunctions.set(String(resource.Properties!['RouteKey']), integrationFunctions.get(target)!);
  }
  const host = new URL(physical.attributes['ApiEndpoint']!.replace(/^wss:/, 'https:')).host;
  const connections = new Map<string, Connection>();

  const requestContext = (connectionId: string, routeKey: string, eventType: string) => ({
    routeKey,
    eventType,
    extendedRequestId: randomUUID(),
    requestTime: new Date().toUTCString(),
    messageDirection: 'IN',
    stage,
    connectedAt: Date.now(),
    requestTimeEpoch: Date.now(),
    identity: { sourceIp: '203.0.113.7', userAgent: 'harness' },
    requestId: randomUUID(),
    domainName: host,
    connectionId,
    apiId: physical.ref,
  });

  async function run(routeKey: string, event: unknown): Promise<number> {
    const target = routeFunctions.get(routeKey);
    if (!target) return routeKey === '$connect' ? 200 : 404;
    if (target === 'MOCK') return 200;
    const fn = options.functionByArn(target);
    if (!fn) return 500;
    const outcome = await fn.invoke(event);
    if (!outcome.ok) return 500;
    return Number((outcome.result as { statusCode?: number } | null)?.statusCode ?? 200);
  }

  return {
    apiId: physical.ref,
    host,
    stage,
    url: `${physical.attributes['ApiEndpoint']}/${stage}`,
    connections,
    async connect(query, headers = {}) {
      const id = `${randomUUID().replace(/-/g, '').slice(0, 14)}=`;
      const status = await run('$connect', {
        headers: { host, 'sec-websocket-version': '13', ...headers },
        multiValueHeaders: Object.fromEntries(Object.entries({ host, ...headers }).map(([k, v]) => [k, [v]])),
        queryStringParameters: query,
        multiValueQueryStringParameters: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
        requestContext: requestContext(id, '$connect', 'CONNECT'),
        isBase64Encoded: false,
      });
      if (status < 200 || status > 299) return { status };
      const connection: Connection = { id, frames: [], open: true };
      connections.set(id, connection);
      return { status, connection };
    },
    async disconnect(connection) {
      connection.open = false;
      connections.delete(connection.id);
      await run('$disconnect', {
        headers: { host },
        multiValueHeaders: { host: [host] },
        requestContext: {
          ...requestContext(connection.id, '$disconnect', 'DISCONNECT'),
          disconnectStatusCode: 1001,
          disconnectReason: 'Going away',
        },
        isBase64Encoded: false,
      });
    },
    async manage(req, res, body, url) {
      const found = /^\/([^/]+)\/@connections\/([^/]+)$/.exec(url.pathname);
      if (!found || found[1] !== stage) {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ message: 'Not Found' }));
      }
      const connectionId = decodeURIComponent(found[2]!);
      const method = req.method ?? 'POST';
      const resource = `arn:aws:execute-api:${stack.region}:${stack.account}:${physical.ref}/${stage}/${method}/@connections/${connectionId}`;
      if (!(await options.authorizeManage(req, url, res, resource))) return;
      const connection = connections.get(connectionId);
      if (!connection?.open) {
        res.writeHead(410, { 'content-type': 'application/json', 'x-amzn-errortype': 'GoneException' });
        return res.end(JSON.stringify({ message: null }));
      }
      if (method === 'POST') connection.frames.push(body.toString('utf8'));
      if (method === 'DELETE') {
        connection.open = false;
        connections.delete(connectionId);
      }
      res.writeHead(method === 'GET' ? 200 : 204, { 'content-type': 'application/json' });
      res.end(method === 'GET' ? JSON.stringify({ connectedAt: new Date().toISOString() }) : undefined);
    },
  };
}
