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
