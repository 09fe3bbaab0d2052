import type { RouteDefinition } from '@chophien/functions';

/** An API Gateway path template compiled once: `/products/{id}` and greedy `/files/{key+}`. */
export interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly routeKey: string;
  readonly pattern: RegExp;
  readonly parameterNames: readonly string[];
}

export function compileRoute(route: RouteDefinition): CompiledRoute {
  const parameterNames: string[] = [];
  const source = route.path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy) {
        parameterNames.push(greedy[1]!);
        return '(.+)';
      }
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter) {
        parameterNames.push(parameter[1]!);
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return {
    route,
    routeKey: `${route.method} ${route.path}`,
    pattern: new RegExp(`^${source}$`),
    parameterNames,
  };
}

export type RouteMatch =
  | { kind: 'found'; compiled: CompiledRoute; pathParameters: Record<string, string> }
  | { kind: 'not_found' };

/**
 * Like API Gateway HTTP APIs: literal paths win over parameterised ones, the most specific
 * template wins, and a path served by another method only is still "Not Found".
 */
export function createRouter(routes: readonly RouteDefinition[]) {
  const compiled = routes
    .map(compileRoute)
    .sort((a, b) => specificity(b.route.path) - specificity(a.route.path));
  return (method: string, path: string): RouteMatch => {
    for (const entry of compiled) {
      if (entry.route.method !== method) continue;
      const match = entry.pattern.exec(path);
      if (!match) continue;
      const pathParameters: Record<string, string> = {};
      entry.parameterNames.forEach((name, index) => {
        pathParameters[name] = safeDecode(match[index + 1] ?? '');
      });
      return { kind: 'found', compiled: entry, pathParameters };
    }
    return { kind: 'not_found' };
  };
}

function specificity(path: string): number {
  return path
    .split('/')
    .reduce((score, segment) => score + (segment.endsWith('+}') ? 0 : segment.startsWith('{') ? 1 : 3), 0);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
