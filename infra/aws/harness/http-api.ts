/**
 * An API Gateway HTTP API as its template describes it: the routes (`RouteKey`), each route's Lambda
 * proxy integration (payload 2.0), and the JWT authorizer where the route has one — which reads only
 * its identity source (`Authorization` header), refuses with 401 before any function runs, and hands
 * the token's claims to the function as `requestContext.authorizer.jwt.claims` (strings, as API
 * Gateway flattens them). Requests reach it through the AWS stand-in by the API's execute-api host.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteDefinition } from '@chophien/functions/route-definition';
import type { HttpEvent, HttpResult } from '@chophien/http';
import { toHttpApiEvent, writeHttpApiResult } from '@chophien/infra-local/api-gateway-event';
import { createRouter } from '@chophien/infra-local/router';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Assembly, AssemblyStack, Json, ResourceRef } from './assembly.ts';
import type { Deployment } from './deployment.ts';
import type { Sandbox } from './sandbox.ts';

interface JwtAuthorizer {
  readonly identitySource: string;
  readonly issuer: string;
  readonly audience: readonly string[];
}

export interface HttpApiRoute {
  readonly routeKey: string;
  readonly functionArn: string;
  readonly authorizer?: JwtAuthorizer;
}

export interface HttpApiStandIn {
  readonly apiId: string;
  readonly host: string;
  readonly url: string;
  readonly routes: readonly HttpApiRoute[];
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL): Promise<unknown>;
}

/** Claims as an HTTP API JWT authorizer passes them: scalars as strings, arrays as `[a b]`. */
export function flattenClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([key, value]) => [
      key,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'string'
          ? value
          : JSON.stringify(value),
    ]),
  );
}

const message = (res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ message: text }));
};

export function httpApiStandIn(options: {
  api: ResourceRef;
  /** Every stack: the API's routes may be in others than its own. */
  assembly: Assembly;
  deployment: Deployment;
  functionByArn: (arn: string) => Sandbox | undefined;
  jwksFor: (issuer: string) => { keys: unknown[] } | undefined;
}): HttpApiStandIn {
  const { api, deployment } = options;
  const { stack } = api;
  const physical = deployment.physicalOf(stack, api.logicalId);
  // The API's routes, integrations and authorizer may sit in other stacks than the API itself (one
  // stack per area of the route table, decision 0350): whatever names this API's id belongs to it.
  const resources = options.assembly.stacks.flatMap((owner) =>
    Object.entries(owner.template.Resources).map(([id, resource]) => ({ owner, id, resource })),
  );
  const refersToApi = (owner: AssemblyStack, props: Record<string, Json> | undefined) =>
    props?.['ApiId'] !== undefined && deployment.resolve(owner, props['ApiId']) === physical.ref;
  /** By physical id, which is what a route's AuthorizerId and Target resolve to. */
  const authorizers = new Map<string, JwtAuthorizer>();
  for (const { owner, id, resource } of resources) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Authorizer' || !refersToApi(owner, resource.Properties))
      continue;
    const props = deployment.resolve(owner, resource.Properties as Json) as {
      AuthorizerType: string;
      IdentitySource: string[];
      JwtConfiguration: { Issuer: string; Audience: string[] };
    };
    if (props.AuthorizerType !== 'JWT') throw new Error(`${id}: only JWT authorizers are modelled`);
    authorizers.set(deployment.physicalOf(owner, id).ref, {
      identitySource: props.IdentitySource[0]!,
      issuer: props.JwtConfiguration.Issuer,
      audience: props.JwtConfiguration.Audience,
    });
  }
  const integrations = new Map<string, string>();
  for (const { owner, id, resource } of resources) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Integration' || !refersToApi(owner, resource.Properties))
      continue;
    const props = resource.Properties!;
    if (props['IntegrationType'] !== 'AWS_PROXY' || props['PayloadFormatVersion'] !== '2.0') {
      throw new Error(`${id}: only Lambda proxy integrations (payload 2.0) are modelled`);
    }
    integrations.set(
      deployment.physicalOf(owner, id).ref,
      deployment.resolveString(owner, props['IntegrationUri']!),
    );
  }
  const routes: HttpApiRoute[] = [];
  for (const { owner, id, resource } of resources) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route' || !refersToApi(owner, resource.Properties)) continue;
    const props = resource.Properties!;
    const target = deployment.resolveString(owner, props['Target']!);
    const functionArn = integrations.get(/^integrations\/(.+)$/.exec(target)?.[1] ?? '');
    if (!functionArn) throw new Error(`${id}: target ${target} is no integration of this API`);
    const authorizer = props['AuthorizerId']
      ? authorizers.get(deployment.resolveString(owner, props['AuthorizerId']))
      : undefined;
    if (props['AuthorizationType'] === 'JWT' && !authorizer)
      throw new Error(`${id}: JWT route without authorizer`);
    routes.push({
      routeKey: String(props['RouteKey']),
      functionArn,
      ...(authorizer ? { authorizer } : {}),
    });
  }
  const match = createRouter(
    routes.map((route) => {
      const [method, path] = route.routeKey.split(' ');
      return {
        method,
        path,
        handler: route.routeKey,
        auth: 'public',
        data: 'none',
      } as unknown as RouteDefinition;
    }),
  );
  const byKey = new Map(routes.map((route) => [route.routeKey, route]));
  const host = new URL(physical.attributes['ApiEndpoint']!).host;

  async function authorize(
    authorizer: JwtAuthorizer,
    req: IncomingMessage,
  ): Promise<Record<string, string> | undefined> {
    const header = /^\$request\.header\.(.+)$/.exec(authorizer.identitySource)?.[1]?.toLowerCase();
    const value = header ? req.headers[header] : undefined;
    if (typeof value !== 'string' || !value) return undefined;
    const token = value.replace(/^Bearer\s+/i, '');
    const jwks = options.jwksFor(authorizer.issuer);
    if (!jwks) return undefined;
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never), {
        issuer: authorizer.issuer,
      });
      // ID tokens carry the client in `aud`, access tokens in `client_id`.
      const audience = payload.token_use === 'access' ? payload['client_id'] : payload.aud;
      const audiences = Array.isArray(audience) ? audience : [audience];
      if (!audiences.some((entry) => authorizer.audience.includes(String(entry)))) return undefined;
      return flattenClaims(payload as Record<string, unknown>);
    } catch {
      return undefined;
    }
  }

  return {
    apiId: physical.ref,
    host,
    url: physical.attributes['ApiEndpoint']!,
    routes,
    async handle(req, res, body, url) {
      const method = req.method ?? 'GET';
      if (method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-origin': '*',
          'access-control-allow-headers': 'authorization,content-type',
        });
        return res.end();
      }
      const found = match(method, url.pathname);
      if (found.kind === 'not_found') return message(res, 404, 'Not Found');
      const route = byKey.get(found.compiled.routeKey)!;
      let claims: Record<string, string> | undefined;
      if (route.authorizer) {
        claims = await authorize(route.authorizer, req);
        if (!claims) return message(res, 401, 'Unauthorized', { 'www-authenticate': 'Bearer' });
      }
      req.headers.host = host;
      delete req.headers['x-harness-host'];
      delete req.headers['x-harness-scheme'];
      delete req.headers['x-harness-function'];
      const local = toHttpApiEvent(req, body, {
        routeKey: found.compiled.routeKey,
        pathParameters: found.pathParameters,
      });
      const event: HttpEvent = {
        ...local,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        requestContext: {
          ...local.requestContext,
          accountId: stack.account,
          apiId: physical.ref,
          domainName: host,
          domainPrefix: physical.ref,
          ...(claims ? { authorizer: { jwt: { claims, scopes: [] } } } : {}),
        } as HttpEvent['requestContext'],
      };
      const fn = options.functionByArn(route.functionArn);
      if (!fn) return message(res, 500, 'Internal Server Error');
      const outcome = await fn.invoke(event);
      if (!outcome.ok) return message(res, 500, 'Internal Server Error');
      writeHttpApiResult(res, outcome.result as HttpResult | string | undefined);
    },
  };
}
