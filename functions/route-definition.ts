import type { Role } from '@chophien/core/identity/roles';

/**
 * What a handler needs beyond the table. CDK turns each into exactly one grant and its env
 * (infra/aws); the local runtime provides the same env from `.data/`. Declare it on the route,
 * never wire it by hand.
 * - traceSigning: TRACE_SIGNING_SECRET (serial tokens, scratch PINs) and SITE_URL
 * - siteUrl: SITE_URL only (links back to the storefront)
 * - stallCodes: STALL_CODE_SECRET (stall check codes)
 * - channelSecretsRead / channelSecretsWrite: the bank channels' webhook secrets
 * - photos: PHOTOS_BUCKET (S3 on AWS, PHOTOS_DIR locally)
 * - photoUploads: the same settings, but only presigning uploads into `uploads/` (PutObject there)
 * - sms: send SMS (SNS on AWS, the dev outbox locally)
 * - tillPush: push to live tills (WebSocket API on AWS, SSE locally)
 * - images: decode and resize photos (sharp: a Lambda layer on AWS, the workspace's install locally)
 * - identityAdmin: create people, mirror their roles as groups, disable them (Cognito admin APIs on AWS;
 *   nothing locally, where the dev identity provider reads the table)
 * - alerts: raise alerts (SMS, web push with the VAPID keys, Zalo ZNS: functions/alerts/config.ts)
 */
export type Capability =
  | 'traceSigning'
  | 'siteUrl'
  | 'stallCodes'
  | 'channelSecretsRead'
  | 'channelSecretsWrite'
  | 'photos'
  | 'photoUploads'
  | 'sms'
  | 'tillPush'
  | 'images'
  | 'identityAdmin'
  | 'alerts';

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
  /** Resources beyond the table (see Capability); CDK grants exactly these. */
  readonly uses?: readonly Capability[];
  /**
   * Concurrent executions reserved for the route's function on AWS, so a burst elsewhere (a flood
   * of scans) cannot starve it of the account's concurrency; also its ceiling.
   */
  readonly reservedConcurrency?: number;
}
