/**
 * One area of THE route table (functions/<area>/routes.ts) on the shared HTTP API: one NodejsFunction
 * per distinct handler module, one route per entry, the shared JWT authorizer on every non-public route,
 * table grants from each route's `data`, capability grants and env from each route's `uses`
 * (src/capabilities.ts). Each area is its own stack, so no area's routes count against another's
 * 500-resource template limit (decision 0350).
 */
import type { RouteDefinition } from '@chophien/functions/routes';
import { Stack, type StackProps } from 'aws-cdk-lib';
import { HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import type { CapabilityResources } from '../capabilities.ts';
import {
  type Api,
  type ApiProps,
  apiEnvironment,
  assertUniqueIds,
  handlerFunction,
  handlersOf,
} from './api.ts';

/** The area of a route: the folder of its handler module under functions/ (`markets/create-sale` → `markets`). */
export const areaOf = (route: Pick<RouteDefinition, 'handler'>): string => route.handler.split('/')[0]!;

/** The route table split by area, in the table's order. A new area gets its own stack with no edits here. */
export function routesByArea(
  routes: readonly RouteDefinition[],
): ReadonlyMap<string, readonly RouteDefinition[]> {
  const areas = new Map<string, RouteDefinition[]>();
  for (const route of routes) {
    const area = areaOf(route);
    areas.set(area, [...(areas.get(area) ?? []), route]);
  }
  return areas;
}

/** Construct id of an area's stack: `markets` → `ApiMarkets`. */
export const areaStackId = (area: string): string =>
  `Api${area
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;

export interface ApiRoutesProps extends Pick<ApiProps, 'repoRoot' | 'identity' | 'logLevel'> {
  readonly table: ITableV2;
  /** The shared HTTP API and its authorizer (stacks/api.ts). */
  readonly api: Pick<Api, 'httpApi' | 'authorizer'>;
  readonly capabilities: CapabilityResources;
  /** This area's entries of the route table. */
  readonly routes: readonly RouteDefinition[];
}

export class ApiRoutes extends Construct {
  /** The area's functions, by handler module. */
  readonly functions: ReadonlyMap<string, NodejsFunction>;
  /** Routes declared `auth: 'public'` (no authorizer). */
  readonly publicRoutes: readonly HttpRoute[];

  constructor(scope: Construct, id: string, props: ApiRoutesProps) {
    super(scope, id);
    const handlers = handlersOf(props.routes);
    assertUniqueIds(handlers);
    const functions = new Map<string, NodejsFunction>();
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const [handler, { id: fnId, data, uses, reservedConcurrency }] of handlers) {
      const fn = handlerFunction(this, fnId, {
        repoRoot: props.repoRoot,
        table: props.table,
        environment: apiEnvironment(props),
        capabilities: props.capabilities,
        handler,
        exportName: 'handler',
        data,
        uses,
        ...(reservedConcurrency ? { reservedConcurrency } : {}),
      });
      functions.set(handler, fn);
      integrations.set(handler, new HttpLambdaIntegration(`${fnId}Integration`, fn));
    }
    this.functions = functions;

    const publicRoutes: HttpRoute[] = [];
    for (const route of props.routes) {
      // The same construct id HttpApi.addRoutes gave a route (`${method}${path}`).
      const added = new HttpRoute(this, `${route.method}${route.path}`, {
        httpApi: props.api.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations.get(route.handler)!,
        ...(route.auth === 'public' ? {} : { authorizer: props.api.authorizer }),
      });
      if (route.auth === 'public') publicRoutes.push(added);
    }
    this.publicRoutes = publicRoutes;
  }
}

export interface ApiRoutesStackProps extends StackProps, ApiRoutesProps {}

export class ApiRoutesStack extends Stack {
  readonly routes: ApiRoutes;

  constructor(scope: Construct, id: string, props: ApiRoutesStackProps) {
    super(scope, id, props);
    this.routes = new ApiRoutes(this, 'Routes', props);
  }
}
