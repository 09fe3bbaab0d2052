import type { LocalRoute } from '../api-server.ts';
import { photoLocalRoutes } from '../photos/routes.ts';
import { bankApiLocalRoutes } from './bank-api.ts';
import { marketsLocalRoutes } from './markets-till.ts';

/**
 * Routes that only the local runtime serves, beyond the route table (e.g. a Server-Sent Events
 * feed standing in for the AWS WebSocket API). Each area adds a factory here; none is deployed.
 */
export interface LocalRouteContext {
  readonly apiUrl: string;
  /** The runtime's data dir (local secrets files live there). */
  readonly dataDir?: string;
}

export const areaLocalRoutes: Array<(context: LocalRouteContext) => LocalRoute[]> = [
  marketsLocalRoutes,
  photoLocalRoutes,
  bankApiLocalRoutes,
];
