/**
 * THE route table. The CDK HTTP API (infra/aws) and the local route server (infra/local)
 * both build every route from this list; a route exists in both or in neither.
 * `handler` is the module under functions/ that exports `handler`; `roles` empty = public.
 */
import type { Role } from '@chophien/core/identity/roles';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/products/{id}`, greedy `{proxy+}`. */
  readonly path: string;
  /** Path of the handler module relative to functions/, without extension. */
  readonly handler: string;
  /** Roles allowed; `'public'` = no token needed; `'any'` = any signed-in user. */
  readonly auth: 'public' | 'any' | readonly Role[];
  /** What the handler may do to the table; CDK grants exactly this (least privilege). */
  readonly data: 'none' | 'read' | 'readwrite';
  /** Raw request body reaches the handler unparsed (webhooks verify signatures over it). */
  readonly rawBody?: boolean;
}

export const routes = [
  { method: 'GET', path: '/health', handler: 'system/health', auth: 'public', data: 'read' },
  { method: 'GET', path: '/me', handler: 'system/me', auth: 'any', data: 'read' },
] as const satisfies readonly RouteDefinition[];

/** Stable id of a handler module, used for the Lambda function's construct id and bundle name. */
export const handlerId = (handler: string): string =>
  handler
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export type RouteKey = `${(typeof routes)[number]['method']} ${(typeof routes)[number]['path']}`;

/** A handler module names its own entry: `createHandler(route('GET /me'), …)`. */
export function route<K extends RouteKey>(
  key: K,
): Extract<
  (typeof routes)[number],
  { method: K extends `${infer M} ${string}` ? M : never; path: K extends `${string} ${infer P}` ? P : never }
> {
  const found = routes.find((entry) => `${entry.method} ${entry.path}` === key);
  if (!found) throw new Error(`No route ${key} in functions/routes.ts`);
  return found as never;
}
