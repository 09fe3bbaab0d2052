import type { RouteDefinition } from '../route-definition.ts';

/** The trace area's entries of THE route table (functions/routes.ts concatenates every area's list). */
export const traceRoutes = [] as const satisfies readonly RouteDefinition[];
