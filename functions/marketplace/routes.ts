import type { RouteDefinition } from '../route-definition.ts';

/** The marketplace area's entries of THE route table (functions/routes.ts concatenates every area's list). */
export const marketplaceRoutes = [] as const satisfies readonly RouteDefinition[];
