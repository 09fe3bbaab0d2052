/**
 * Route capabilities (functions/route-definition.ts `uses`, contract C3) → exactly one set of grants and
 * env per capability, nothing for a function that does not declare it. Secrets reach functions as ARNs
 * and are read at cold start (functions/shared/secrets.ts); see docs/decisions/0303-aws-runtime-configuration.md.
 */
import type { Capability } from '@chophien/functions/route-definition';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  type IFunction,
  type ILayerVersion,
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsVersions,
} from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { sharpLayer } from './native-layers.ts';
import { channelSecretPrefix, type SiteAddress } from './site-address.ts';
import { PHOTO_UPLOAD_PREFIX } from './stacks/data.ts';

export type { Capability };

/** What the capabilities are made of; the till is optional (its own stack pushes; no route needs it yet). */
export interface CapabilityResources {
  readonly stage: string;
  readonly siteAddress: SiteAddress;
  readonly traceSigningSecret: ISecret;
  readonly stallCodeSecret: ISecret;
  readonly photosBucket: IBucket;
  /** The user pool the console's routes administer (capability `identityAdmin`). */
  readonly userPool?: { readonly userPoolId: string; readonly userPoolArn: string };
  /** Alert channels' settings (VAPID keys, Zalo ZNS): decision 1002. */
  readonly alertsSecret?: ISecret;
  readonly till?: {
    /** The WebSocket API's management endpoint (https://…/<stage>). */
    readonly endpoint: string;
    grantManageConnections(fn: IFunction): void;
  };
}

/** Photo settings (bucket, public base), with read/write or upload-only grants. */
const usesPhotos = (uses: ReadonlySet<Capability>) => uses.has('photos') || uses.has('photoUploads');

/** `traceSigning` and the photo capabilities need the site's URL too. */
const needsSiteUrl = (uses: ReadonlySet<Capability>) =>
  uses.has('siteUrl') || uses.has('traceSigning') || usesPhotos(uses) || uses.has('alerts');

/** The Parameters and Secrets extension: only where a published setting must be read at cold start. */
export function parameterExtension(uses: ReadonlySet<Capability>, resources: CapabilityResources) {
  if (resources.siteAddress.kind !== 'published' || !needsSiteUrl(uses)) return undefined;
  return ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
    // Read once per container by the loader; the extension's own cache would only hold a copy.
    cacheEnabled: false,
  });
}

/** The env a function gets for its capabilities (on top of the base handler env). */
export function capabilityEnvironment(
  uses: ReadonlySet<Capability>,
  resources: CapabilityResources,
): Record<string, string> {
  const env: Record<string, string> = {};
  const site = resources.siteAddress;
  if (needsSiteUrl(uses)) {
    if (site.kind === 'domain') env['SITE_URL'] = site.url;
    else env['SITE_URL_PARAMETER'] = site.parameterName;
  }
  if (uses.has('traceSigning')) env['TRACE_SIGNING_SECRET_ARN'] = resources.traceSigningSecret.secretArn;
  if (uses.has('stallCodes')) env['STALL_CODE_SECRET_ARN'] = resources.stallCodeSecret.secretArn;
  if (uses.has('channelSecretsRead') || uses.has('channelSecretsWrite')) {
    env['CHANNEL_SECRET_PREFIX'] = channelSecretPrefix(resources.stage);
  }
  if (usesPhotos(uses)) {
    env['PHOTOS_BUCKET'] = resources.photosBucket.bucketName;
    // Photo keys start with `photos/` and CloudFront serves `/photos/*` from the bucket, so the public
    // base of a key is the site's origin (the local runtime uses the API's origin the same way).
    if (site.kind === 'domain') env['PHOTOS_PUBLIC_URL'] = site.url;
    else env['PHOTOS_PUBLIC_URL_PARAMETER'] = site.parameterName;
  }
  if (uses.has('tillPush')) env['TILL_WS_ENDPOINT'] = tillOf(resources).endpoint;
  if (uses.has('identityAdmin')) env['USER_POOL_ID'] = userPoolOf(resources).userPoolId;
  if (uses.has('alerts') && resources.alertsSecret)
    env['ALERTS_SECRET_ARN'] = resources.alertsSecret.secretArn;
  return env;
}

const userPoolOf = (resources: CapabilityResources) => {
  if (!resources.userPool)
    throw new Error('A route uses identityAdmin, but no user pool was given to the Api');
  return resources.userPool;
};

/** What the console does to people in Cognito (functions/shared/identity-directory.ts), on this pool only. */
export const identityAdminActions = [
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminUserGlobalSignOut',
  // Erasure of one's own account (decision 0822).
  'cognito-idp:AdminDeleteUser',
];

const tillOf = (resources: CapabilityResources) => {
  if (!resources.till)
    throw new Error('A route uses tillPush, but no till (WebSocket API) was given to the Api');
  return resources.till;
};

/** The layers a function's capabilities need: `images` brings sharp (native, never bundled). */
export function capabilityLayers(
  scope: Construct,
  uses: ReadonlySet<Capability>,
  repoRoot: string,
): ILayerVersion[] | undefined {
  return uses.has('images') ? [sharpLayer(scope, repoRoot)] : undefined;
}

/** The grants for a function's capabilities. */
export function grantCapabilities(
  fn: IFunction,
  uses: ReadonlySet<Capability>,
  resources: CapabilityResources,
): void {
  const stack = Stack.of(fn);
  const site = resources.siteAddress;
  if (needsSiteUrl(uses) && site.kind === 'published') {
    // By name, not by reference: the parameter belongs to the site stack, which depends on this one.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [parameterArn(stack, site.parameterName)],
      }),
    );
  }
  if (uses.has('traceSigning')) resources.traceSigningSecret.grantRead(fn);
  if (uses.has('stallCodes')) resources.stallCodeSecret.grantRead(fn);
  const channels = channelSecretsArn(stack, resources.stage);
  if (uses.has('channelSecretsRead')) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [channels] }),
    );
  }
  if (uses.has('channelSecretsWrite')) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['secretsmanager:CreateSecret'], resources: [channels] }),
    );
  }
  if (uses.has('photos')) resources.photosBucket.grantReadWrite(fn);
  else if (uses.has('photoUploads')) {
    // Presigned uploads are signed with this role: it may only put staged objects (uploads/…).
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [resources.photosBucket.arnForObjects(`${PHOTO_UPLOAD_PREFIX}*`)],
      }),
    );
  }
  // Alerts go by SMS too; the secret holds the push and Zalo settings.
  if (uses.has('alerts')) resources.alertsSecret?.grantRead(fn);
  if (uses.has('sms') || uses.has('alerts')) {
    // SMS to a phone number has no ARN; NotResource over every topic ARN keeps topics out of reach.
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['sns:Publish'], notResources: ['arn:aws:sns:*:*:*'] }),
    );
  }
  if (uses.has('tillPush')) tillOf(resources).grantManageConnections(fn);
  if (uses.has('identityAdmin')) {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: identityAdminActions, resources: [userPoolOf(resources).userPoolArn] }),
    );
  }
}

export const parameterArn = (scope: Construct, name: string): string =>
  Stack.of(scope).formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') });

export const channelSecretsArn = (scope: Construct, stage: string): string =>
  Stack.of(scope).formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${channelSecretPrefix(stage)}*`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
