import type { LocalRoute } from '../api-server.ts';

/**
 * Routes that only the local runtime serves, beyond the route table (e.g. a Server-Sent Events
 * feed standing in for the AWS WebSocket API). Each area adds a factory here; none is deployed.
 */
export interface LocalRouteContext {
  readonly apiUrl: string;
}

export const areaLocalRoutes: Array<(context: LocalRouteContext) => LocalRoute[]> = [];
