/**
 * THE route table. The CDK HTTP API (infra/aws) and the local route server (infra/local)
 * both build every route from this list; a route exists in both or in neither.
 * Each area keeps its entries in `functions/<area>/routes.ts`; this file only joins them.
 */
import { adminRoutes } from './admin/routes.ts';
import { alertsRoutes } from './alerts/routes.ts';
import { booksRoutes } from './books/routes.ts';
import { marketplaceRoutes } from './marketplace/routes.ts';
import { marketsRoutes } from './markets/routes.ts';
import type { RouteDefinition } from './route-definition.ts';
import { systemRoutes } from './system/routes.ts';
import { traceRoutes } from './trace/routes.ts';

export type { HttpMethod, RouteDefinition } from './route-definition.ts';

export const routes = [
  ...systemRoutes,
  ...traceRoutes,
  ...marketplaceRoutes,
  ...marketsRoutes,
  ...adminRoutes,
  ...booksRoutes,
  ...alertsRoutes,
] as const satisfies readonly RouteDefinition[];

type AnyRoute = (typeof routes)[number];
export type RouteKey = `${AnyRoute['method']} ${AnyRoute['path']}`;

type RouteOf<K extends RouteKey> = K extends `${infer M} ${infer P}`
  ? Extract<AnyRoute, { method: M; path: P }>
  : never;

/** A handler module names its own entry: `createHandler(route('GET /me'), …)`. */
export function route<K extends RouteKey>(key: K): RouteOf<K> {
  const found = routes.find((entry) => `${entry.method} ${entry.path}` === key);
  if (!found) throw new Error(`No route ${key} in functions/routes.ts`);
  return found as RouteOf<K>;
}

/** Stable id of a handler module, used for the Lambda function's construct id and bundle name. */
export const handlerId = (handler: string): string =>
  handler
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
