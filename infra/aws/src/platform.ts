/**
 * The CDK app's stacks, built from the same area constructs sst.config.ts mounts (Data, Identity,
 * Api, one ApiRoutes stack per area of the route table, Till, Site). Shared by src/app.ts (the `cdk`
 * entry) and the tests.
 */
import { routes as routeTable } from '@chophien/functions/routes';
import { App, Aspects, type Environment } from 'aws-cdk-lib';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { applyNag } from './nag.ts';
import { AlarmsNotify } from './operations.ts';
import { findRepoRoot } from './paths.ts';
import { EdgeStack } from './rate-limits.ts';
import { DEFAULT_REGION } from './region.ts';
import { photoUploadOrigins, type SiteAddress, siteAddressFor } from './site-address.ts';
import { ensureSiteBuild, type SiteBuild } from './site-build.ts';
import { ApiStack } from './stacks/api.ts';
import { ApiRoutesStack, areaStackId, routesByArea } from './stacks/api-routes.ts';
import { ApiStageStack } from './stacks/api-stage.ts';
import { DataStack } from './stacks/data.ts';
import { IdentityStack } from './stacks/identity.ts';
import { SiteStack } from './stacks/site.ts';
import { TillStack } from './stacks/till.ts';

export interface PlatformOptions {
  readonly app?: App;
  readonly repoRoot?: string;
  /** Prefix of the stack names: `chophien-<stage>-data` etc. */
  readonly stage?: string;
  readonly env?: Environment;
  /** A storefront build; built on demand (cached) when omitted. */
  readonly siteBuild?: SiteBuild;
  /** The storefront's address; default from CHOPHIEN_SITE_DOMAIN / CHOPHIEN_SITE_CERTIFICATE_ARN. */
  readonly siteAddress?: SiteAddress;
  /** Apply cdk-nag AwsSolutions checks (default true). */
  readonly nag?: boolean;
}

export interface Platform {
  readonly app: App;
  readonly data: DataStack;
  readonly identity: IdentityStack;
  /** The shared HTTP API, its authorizer and the schedules. */
  readonly api: ApiStack;
  /** One stack per area of the route table (`ApiMarkets`…), by area. */
  readonly apiRoutes: ReadonlyMap<string, ApiRoutesStack>;
  /** The `$default` stage, deployed after every area's routes (its settings name them). */
  readonly apiStage: ApiStageStack;
  /** Every route handler's function, by handler module, whichever area stack holds it. */
  readonly apiFunctions: ReadonlyMap<string, NodejsFunction>;
  readonly till: TillStack;
  readonly site: SiteStack;
  /** us-east-1: the storefront's web ACL (CloudFront's WAF lives there). */
  readonly edge: EdgeStack;
}

/**
 * Account from the CLI's credentials when there are any, else a dummy (offline synth).
 * The region is the platform's choice, not the CLI profile's: CHOPHIEN_AWS_REGION overrides it.
 */
export function defaultEnv(): Environment {
  return {
    account: process.env.CDK_DEFAULT_ACCOUNT ?? '000000000000',
    region: process.env.CHOPHIEN_AWS_REGION ?? DEFAULT_REGION,
  };
}

/** Every stack's construct id, in deploy order: the same in both entry points (sst.config.ts names them so too). */
export const platformStackIds = (): string[] => [
  'Data',
  'Identity',
  'Api',
  ...[...routesByArea(routeTable).keys()].map(areaStackId),
  'ApiStage',
  'Till',
  'Site',
];

export function buildPlatform(options: PlatformOptions = {}): Platform {
  // No CDKMetadata resource: keeps the templates identical to the SST entry point's (and offline-pure).
  const app = options.app ?? new App({ analyticsReporting: false });
  const repoRoot = options.repoRoot ?? findRepoRoot();
  const stage = options.stage ?? process.env.CHOPHIEN_STAGE ?? 'prod';
  const env = options.env ?? defaultEnv();
  const name = (area: string) => `chophien-${stage}-${area}`;
  const siteAddress = options.siteAddress ?? siteAddressFor(stage);

  const data = new DataStack(app, 'Data', {
    env,
    stackName: name('data'),
    description: 'chophien data',
    photoUploadOrigins: photoUploadOrigins(siteAddress),
  });
  const identity = new IdentityStack(app, 'Identity', {
    env,
    stackName: name('identity'),
    description: 'chophien identity (Cognito)',
    repoRoot,
    table: data.data.table,
  });
  const capabilities = {
    stage,
    siteAddress,
    traceSigningSecret: data.data.traceSigningSecret,
    stallCodeSecret: data.data.stallCodeSecret,
    alertsSecret: data.data.alertsSecret,
    photosBucket: data.data.photosBucket,
    userPool: identity.identity.userPool,
  };
  const api = new ApiStack(app, 'Api', {
    env,
    stackName: name('api'),
    description: 'chophien HTTP API (stage, authorizer, schedules)',
    repoRoot,
    table: data.data.table,
    identity: identity.identity,
    capabilities,
  });
  // Decision 0350: each area's routes and functions in a stack of their own, on the shared API.
  const apiRoutes = new Map<string, ApiRoutesStack>();
  const apiFunctions = new Map<string, NodejsFunction>();
  for (const [area, areaRoutes] of routesByArea(routeTable)) {
    const stack = new ApiRoutesStack(app, areaStackId(area), {
      env,
      stackName: name(`api-${area}`),
      description: `chophien HTTP API: ${area} routes`,
      repoRoot,
      table: data.data.table,
      identity: identity.identity,
      api: api.api,
      capabilities,
      routes: areaRoutes,
    });
    apiRoutes.set(area, stack);
    for (const [handler, fn] of stack.routes.functions) apiFunctions.set(handler, fn);
  }
  const apiStage = new ApiStageStack(app, 'ApiStage', {
    env,
    stackName: name('api-stage'),
    description: 'chophien HTTP API: the $default stage, its throttles, access logs and 5xx alarm',
    httpApi: api.api.httpApi,
    routes: routeTable,
    after: [...apiRoutes.values()],
  });
  const till = new TillStack(app, 'Till', {
    env,
    stackName: name('till'),
    description: 'chophien live till (WebSocket API + stream fan-out)',
    repoRoot,
    table: data.data.table,
  });
  // CloudFront's web ACLs live in us-east-1; the site attaches it by ARN (CHOPHIEN_WEB_ACL_ARN, the
  // Edge stack's output), as it does the us-east-1 certificate (decision 0904).
  const edge = new EdgeStack(app, 'Edge', {
    env: { ...env, region: 'us-east-1' },
    stackName: name('edge'),
    description: 'chophien edge rate limits (AWS WAF for CloudFront, us-east-1)',
  });
  const webAclArn = process.env.CHOPHIEN_WEB_ACL_ARN;
  const site = new SiteStack(app, 'Site', {
    env,
    stackName: name('site'),
    description: 'chophien storefront (S3 + CloudFront + Lambda SSR)',
    repoRoot,
    build: options.siteBuild ?? ensureSiteBuild(repoRoot, (line) => process.stderr.write(`${line}\n`)),
    table: data.data.table,
    apiUrl: api.api.url,
    tillWsUrl: till.till.url,
    identity: identity.identity,
    siteAddress,
    traceSigningSecret: data.data.traceSigningSecret,
    photosBucket: data.data.photosBucket,
    stage,
    ...(webAclArn ? { webAclArn } : {}),
  });
  Aspects.of(app).add(new AlarmsNotify(data.data.alarmTopic));
  if (options.nag ?? true) applyNag(app);
  return { app, data, identity, api, apiRoutes, apiStage, apiFunctions, till, site, edge };
}
