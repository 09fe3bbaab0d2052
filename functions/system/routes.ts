import type { RouteDefinition } from '../route-definition.ts';

export const systemRoutes = [
  { method: 'GET', path: '/health', handler: 'system/health', auth: 'public', data: 'read' },
  { method: 'GET', path: '/me', handler: 'system/me', auth: 'any', data: 'read' },
] as const satisfies readonly RouteDefinition[];
