/**
 * SST v2 entry (sst@2.49.8, CDK-based): mounts the same area constructs as the CDK app in
 * infra/aws (src/platform.ts), one SST stack per area (and per area of the route table), so `sst deploy` and `cdk deploy --all`
 * create the same resources (same logical ids per stack; a test compares them).
 * `npx sst build --stage <stage>` synthesizes into .sst/dist; `npx sst deploy --stage <stage>` deploys.
 */
import { Aspects, type Stack } from 'aws-cdk-lib';
import type { SSTConfig } from 'sst';
import type { StackContext } from 'sst/constructs';
import { routes } from './functions/routes.ts';
import { AlarmsNotify } from './infra/aws/src/operations.ts';
import { findRepoRoot } from './infra/aws/src/paths.ts';
import { DEFAULT_REGION } from './infra/aws/src/region.ts';
import { photoUploadOrigins, siteAddressFor } from './infra/aws/src/site-address.ts';
import { ensureSiteBuild } from './infra/aws/src/site-build.ts';
import { Api } from './infra/aws/src/stacks/api.ts';
import { ApiRoutes, areaStackId, routesByArea } from './infra/aws/src/stacks/api-routes.ts';
import { ApiStage } from './infra/aws/src/stacks/api-stage.ts';
import { Data } from './infra/aws/src/stacks/data.ts';
import { Identity } from './infra/aws/src/stacks/identity.ts';
import { Site } from './infra/aws/src/stacks/site.ts';
import { Till } from './infra/aws/src/stacks/till.ts';

export default {
  config() {
    return { name: 'chophien', region: process.env.CHOPHIEN_AWS_REGION ?? DEFAULT_REGION };
  },
  stacks(app) {
    const repoRoot = findRepoRoot();
    // Same address rules as the CDK app (CHOPHIEN_SITE_DOMAIN / CHOPHIEN_SITE_CERTIFICATE_ARN, else the
    // parameter /chophien/<stage>/site-url); see docs/decisions/0303-aws-runtime-configuration.md.
    const stage = app.stage;
    const siteAddress = siteAddressFor(stage);
    let data: Data | undefined;
    let identity: Identity | undefined;
    let api: Api | undefined;
    let till: Till | undefined;
    const capabilitiesOf = () => ({
      stage,
      siteAddress,
      traceSigningSecret: data!.traceSigningSecret,
      stallCodeSecret: data!.stallCodeSecret,
      alertsSecret: data!.alertsSecret,
      photosBucket: data!.photosBucket,
      userPool: identity!.userPool,
    });
    app
      .stack(
        function DataStack({ stack }: StackContext) {
          data = new Data(stack, 'Data', { photoUploadOrigins: photoUploadOrigins(siteAddress) });
        },
        { id: 'Data' },
      )
      .stack(
        function IdentityStack({ stack }: StackContext) {
          identity = new Identity(stack, 'Identity', { repoRoot, table: data!.table });
        },
        { id: 'Identity' },
      )
      .stack(
        function ApiStack({ stack }: StackContext) {
          api = new Api(stack, 'Api', {
            repoRoot,
            table: data!.table,
            identity: identity!,
            capabilities: capabilitiesOf(),
          });
        },
        { id: 'Api' },
      );
    // Decision 0350: one stack per area of the route table, on the shared HTTP API (as src/platform.ts).
    const areaStacks: Stack[] = [];
    for (const [area, areaRoutes] of routesByArea(routes)) {
      app.stack(
        function ApiRoutesStack({ stack }: StackContext) {
          areaStacks.push(stack);
          new ApiRoutes(stack, 'Routes', {
            repoRoot,
            table: data!.table,
            identity: identity!,
            api: api!,
            capabilities: capabilitiesOf(),
            routes: areaRoutes,
          });
        },
        { id: areaStackId(area) },
      );
    }
    // The stage names routes of every area: it deploys after them (as src/platform.ts).
    app.stack(
      function ApiStageStack({ stack }: StackContext) {
        new ApiStage(stack, 'Stage', { httpApi: api!.httpApi, routes });
        for (const area of areaStacks) stack.addDependency(area);
      },
      { id: 'ApiStage' },
    );
    app
      .stack(
        function TillStack({ stack }: StackContext) {
          till = new Till(stack, 'Till', { repoRoot, table: data!.table });
        },
        { id: 'Till' },
      )
      .stack(
        function SiteStack({ stack }: StackContext) {
          new Site(stack, 'Site', {
            repoRoot,
            build: ensureSiteBuild(repoRoot, (line) => process.stderr.write(`${line}\n`)),
            table: data!.table,
            apiUrl: api!.url,
            tillWsUrl: till!.url,
            identity: identity!,
            siteAddress,
            traceSigningSecret: data!.traceSigningSecret,
            photosBucket: data!.photosBucket,
            stage,
            // SST v2 keeps every stack in the app's region: the us-east-1 web ACL is the CDK app's Edge
            // stack (`cdk deploy chophien-<stage>-edge`), attached by ARN (decision 0904).
            ...(process.env.CHOPHIEN_WEB_ACL_ARN ? { webAclArn: process.env.CHOPHIEN_WEB_ACL_ARN } : {}),
          });
        },
        { id: 'Site' },
      );
    // Every alarm notifies the stage's topic, as in the CDK app (src/platform.ts).
    Aspects.of(app).add(new AlarmsNotify(data!.alarmTopic));
  },
} satisfies SSTConfig;
