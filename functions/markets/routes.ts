import type { RouteDefinition } from '../route-definition.ts';

/** The markets area's entries of THE route table (functions/routes.ts concatenates every area's list). */
export const marketsRoutes = [] as const satisfies readonly RouteDefinition[];
