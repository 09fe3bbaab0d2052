/**
 * The CDK app, synthesized once (bundling included) and checked against the contracts it is
 * built from: THE route table, the one table definition, least privilege, runtimes, cdk-nag.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableDefinition } from '@chophien/db/table';
import type { Capability } from '@chophien/functions/route-definition';
import { handlerId, routes } from '@chophien/functions/routes';
import { type ScheduleDefinition, schedules } from '@chophien/functions/schedules';
import { App, type CfnElement, CfnResource, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaMemoryMb } from '../src/lambda-sizing.ts';
import { findRepoRoot } from '../src/paths.ts';
import { buildPlatform, type Platform, platformStackIds } from '../src/platform.ts';
import { siteAddressFor } from '../src/site-address.ts';
import { handlersOf } from '../src/stacks/api.ts';
import { areaOf } from '../src/stacks/api-routes.ts';
import { apiStacks, apiTemplate } from './support/api-template.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let outdir: string;
let platform: Platform;
let templates: Record<'data' | 'identity' | 'api' | 'site', Template>;

// The same app and output folder as `npm run synth` (infra/aws/cdk.out): bundles whose asset hash
// is unchanged are reused from there instead of running esbuild again for every handler.
beforeAll(() => {
  outdir = join(findRepoRoot(), 'infra', 'aws', 'cdk.out');
  platform = buildPlatform({
    app: new App({ outdir, analyticsReporting: false }),
    stage: 'prod',
    // No custom domain: the site URL travels by SSM parameter (decision 0303); test/site-domain.test.ts covers a domain.
    siteAddress: siteAddressFor('prod', {}),
  });
  templates = {
    data: Template.fromStack(platform.data),
    identity: Template.fromStack(platform.identity),
    api: apiTemplate(platform),
    site: Template.fromStack(platform.site),
  };
}, 900_000);

const stacks = (): Stack[] => [platform.data, platform.identity, ...apiStacks(platform), platform.site];
const resourcesOf = (template: Template): Resources => template.toJSON()['Resources'] as Resources;
const ofType = (template: Template, type: string) =>
  Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type);
const ofTypeIn = (stack: Stack, type: string) => ofType(Template.fromStack(stack), type);

/** Every API function's env, before capabilities (see src/stacks/api.ts). */
const BASE_ENV = [
  'AUTH_AUDIENCE',
  'AUTH_ISSUER',
  'AUTH_JWKS_URL',
  'CHOPHIEN_MODE',
  'NODE_OPTIONS',
  'POWERTOOLS_LOG_LEVEL',
  'POWERTOOLS_SERVICE_NAME',
  'TABLE_NAME',
];
/** Settings of the Parameters and Secrets extension, set by CDK together with its layer. */
const EXTENSION_ENV = /^(PARAMETERS_SECRETS_EXTENSION_|SECRETS_MANAGER_|SSM_PARAMETER_STORE_)/;
const SECRET_NAMES = ['TRACE_SIGNING_SECRET', 'STALL_CODE_SECRET', 'ORIGIN_VERIFY_SECRET', 'ALERTS_SECRET'];
const usesPhotos = (uses: ReadonlySet<Capability>) => uses.has('photos') || uses.has('photoUploads');
const needsSiteUrl = (uses: ReadonlySet<Capability>) =>
  uses.has('siteUrl') || uses.has('traceSigning') || usesPhotos(uses) || uses.has('alerts');

/** Contract C3, written out independently of src/capabilities.ts (no custom domain here). */
function expectedCapabilityEnv(uses: ReadonlySet<Capability>): string[] {
  const keys = new Set<string>();
  if (needsSiteUrl(uses)) keys.add('SITE_URL_PARAMETER');
  if (uses.has('traceSigning')) keys.add('TRACE_SIGNING_SECRET_ARN');
  if (uses.has('stallCodes')) keys.add('STALL_CODE_SECRET_ARN');
  if (uses.has('channelSecretsRead') || uses.has('channelSecretsWrite')) keys.add('CHANNEL_SECRET_PREFIX');
  if (usesPhotos(uses)) {
    keys.add('PHOTOS_BUCKET');
    keys.add('PHOTOS_PUBLIC_URL_PARAMETER');
  }
  if (uses.has('tillPush')) keys.add('TILL_WS_ENDPOINT');
  if (uses.has('alerts')) keys.add('ALERTS_SECRET_ARN');
  if (uses.has('identityAdmin')) keys.add('USER_POOL_ID');
  return [...keys];
}

/** `_stack` is kept for the callers' shape; a function's logical id is its own stack's. */
const functionProps = (template: Template, _stack: Stack, fn: NodejsFunction) =>
  resourcesOf(template)[Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement)]!.Properties;

const envOf = (template: Template, stack: Stack, fn: NodejsFunction): Record<string, unknown> =>
  (functionProps(template, stack, fn)['Environment'] as { Variables: Record<string, unknown> }).Variables;

type PolicyStatementJson = { Action: string | string[]; Resource?: unknown; NotResource?: unknown };
const actionsOf = (s: PolicyStatementJson) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** The statements of every policy attached to the function's role. */
function roleStatements(template: Template, _stack: Stack, fn: NodejsFunction): PolicyStatementJson[] {
  const roleId = Stack.of(fn).getLogicalId(fn.role!.node.defaultChild as CfnElement);
  return ofType(template, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties['Roles'] as { Ref?: string }[]).some((r) => r.Ref === roleId))
    .flatMap(([, p]) => (p.Properties['PolicyDocument'] as { Statement: PolicyStatementJson[] }).Statement);
}

describe('api: THE route table', () => {
  it('has exactly one route per route-table entry (method + path)', () => {
    const keys = ofType(templates.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties['RouteKey']);
    expect(keys.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('puts the JWT authorizer on every non-public route and none on public ones', () => {
    const authorizers = ofType(templates.api, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.Properties['AuthorizerType']).toBe('JWT');
    const byKey = new Map(
      ofType(templates.api, 'AWS::ApiGatewayV2::Route').map(([, r]) => [
        r.Properties['RouteKey'],
        r.Properties,
      ]),
    );
    for (const route of routes) {
      const props = byKey.get(`${route.method} ${route.path}`)!;
      if (route.auth === 'public') {
        expect(props['AuthorizationType'] ?? 'NONE', route.path).toBe('NONE');
        expect(props['AuthorizerId'], route.path).toBeUndefined();
      } else {
        expect(props['AuthorizationType'], route.path).toBe('JWT');
        // The shared stack's authorizer, imported by each area's stack (decision 0350).
        expect(props['AuthorizerId'], route.path).toEqual({
          'Fn::ImportValue': expect.stringContaining(`ExportsOutputRef${authorizerId}`),
        });
      }
    }
  });

  it('validates tokens against the Cognito issuer and the app client', () => {
    const [, authorizer] = ofType(templates.api, 'AWS::ApiGatewayV2::Authorizer')[0]!;
    const config = authorizer.Properties['JwtConfiguration'] as { Issuer: unknown; Audience: unknown[] };
    expect(JSON.stringify(config.Issuer)).toContain('cognito-idp.');
    expect(config.Audience).toHaveLength(1);
  });

  it('creates one function per distinct handler module, named by handlerId', () => {
    const handlers = handlersOf(routes);
    expect([...platform.apiFunctions.keys()].sort()).toEqual([...handlers.keys()].sort());
    expect(ofType(templates.api, 'AWS::Lambda::Function')).toHaveLength(handlers.size + schedules.length);
    for (const handler of handlers.keys()) {
      expect(platform.apiFunctions.get(handler)!.node.scope!.node.id).toBe(handlerId(handler));
    }
  });

  it('sizes every API function from src/lambda-sizing.ts', () => {
    for (const [id, fn] of ofType(templates.api, 'AWS::Lambda::Function')) {
      expect(fn.Properties['MemorySize'], id).toBe(lambdaMemoryMb);
    }
  });

  it('gives every function the handler environment contract plus exactly its capabilities', () => {
    const functions = [
      ...[...handlersOf(routes)].map(([handler, { uses }]) => ({
        name: handler,
        fn: platform.apiFunctions.get(handler)!,
        uses,
      })),
      ...schedules.map((schedule) => ({
        name: schedule.id,
        fn: platform.api.api.scheduledFunctions.get(schedule.id)!,
        uses: new Set<Capability>((schedule as ScheduleDefinition).uses ?? []),
      })),
    ];
    expect(functions).toHaveLength(ofType(templates.api, 'AWS::Lambda::Function').length);
    for (const { name, fn, uses } of functions) {
      const env = envOf(templates.api, platform.api, fn);
      const keys = Object.keys(env).filter((key) => !EXTENSION_ENV.test(key));
      expect(keys.sort(), name).toEqual([...BASE_ENV, ...expectedCapabilityEnv(uses)].sort());
      expect(env['CHOPHIEN_MODE']).toBe('aws');
      expect(env['NODE_OPTIONS']).toBe('--enable-source-maps');
      expect(JSON.stringify(env['AUTH_JWKS_URL'])).toContain('/.well-known/jwks.json');
    }
  });

  it('throttles the stage, writes access logs and alarms on 5xx and function errors', () => {
    templates.api.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    const alarms = ofType(templates.api, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.filter((a) => a['MetricName'] === '5xx')).toHaveLength(1);
    const crossChannel = alarms.filter((a) =>
      JSON.stringify(a['Metrics'] ?? []).includes("reason = 'account_not_on_channel'"),
    );
    expect(crossChannel, 'an alarm on refused cross-channel notifications (0704)').toHaveLength(1);
    expect(crossChannel[0]!['Threshold']).toBe(1);
    expect(alarms.filter((a) => a['MetricName'] === 'Errors')).toHaveLength(
      handlersOf(routes).size + schedules.length,
    );
  });

  it('runs every entry of the schedule table from an EventBridge rule with its own grants', () => {
    const rules = ofType(templates.api, 'AWS::Events::Rule').map(([, rule]) => rule.Properties);
    expect(rules).toHaveLength(schedules.length);
    for (const schedule of schedules) {
      const fn = platform.api.api.scheduledFunctions.get(schedule.id)!;
      expect((fn.node.defaultChild as { handler?: string }).handler).toBe(`index.${schedule.export}`);
      const rule = rules.find((r) => String(r['Description']).includes(schedule.handler))!;
      expect(rule['ScheduleExpression']).toBe(
        `rate(${schedule.everyMinutes} minute${schedule.everyMinutes === 1 ? '' : 's'})`,
      );
      expect(JSON.stringify(rule['Targets'])).toContain(
        platform.api.getLogicalId(fn.node.defaultChild as never),
      );
    }
  });

  it('bundles each handler as minified ESM with a source map (index.mjs)', () => {
    for (const fn of platform.apiFunctions.values()) {
      const cfn = fn.node.defaultChild as { handler?: string };
      expect(cfn.handler).toBe('index.handler');
    }
    // Function code only: the sharp layer is an asset of this stack too (src/native-layers.ts).
    const dirs = [...platform.apiFunctions.values()].map((fn) => assetDirOf(Stack.of(fn), fn));
    expect(new Set(dirs).size).toBeGreaterThanOrEqual(handlersOf(routes).size);
    for (const dir of dirs) {
      const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __chophienCreateRequire } from 'node:module';")).toBe(
        true,
      );
      expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    }
  });
});

describe('data: the one table definition', () => {
  it('has the keys and GSIs of packages/db', () => {
    const [, table] = ofType(templates.data, 'AWS::DynamoDB::GlobalTable')[0]!;
    const props = table.Properties;
    expect(props['KeySchema']).toEqual([
      { AttributeName: tableDefinition.keyAttributes.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.keyAttributes.sortKey, KeyType: 'RANGE' },
    ]);
    const gsis = (props['GlobalSecondaryIndexes'] as { IndexName: string; KeySchema: unknown }[]).map(
      (g) => ({
        indexName: g.IndexName,
        keySchema: g.KeySchema,
      }),
    );
    expect(gsis).toEqual(
      tableDefinition.indexes.map((i) => ({
        indexName: i.indexName,
        keySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
      })),
    );
  });

  it('is on-demand with TTL, PITR, deletion protection and SSE', () => {
    templates.data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
      Replicas: [
        Match.objectLike({
          DeletionProtectionEnabled: true,
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        }),
      ],
    });
    templates.data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
  });
});

describe('identity', () => {
  it('signs in by phone number, verifies it, and has one group per role', async () => {
    const { roles } = await import('@chophien/core/identity/roles');
    templates.identity.hasResourceProperties('AWS::Cognito::UserPool', {
      UsernameAttributes: ['phone_number'],
      AutoVerifiedAttributes: ['phone_number'],
    });
    const groups = ofType(templates.identity, 'AWS::Cognito::UserPoolGroup').map(
      ([, g]) => g.Properties['GroupName'],
    );
    expect(groups.sort()).toEqual([...roles].sort());
    expect(ofType(templates.identity, 'AWS::Cognito::UserPoolClient')).toHaveLength(1);
  });
});

describe('least privilege', () => {
  type Statement = { Action: string | string[]; Resource: unknown };
  const statementsOf = (template: Template) =>
    ofType(template, 'AWS::IAM::Policy').flatMap(([id, p]) =>
      ((p.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement ?? []).map((s) => ({
        id,
        ...s,
      })),
    );
  const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
  const resourcesOf2 = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

  it('never grants dynamodb:* nor DynamoDB actions on Resource "*"', () => {
    for (const stack of stacks()) {
      for (const s of statementsOf(Template.fromStack(stack))) {
        const actions = actionsOf(s);
        expect(actions, s.id).not.toContain('dynamodb:*');
        expect(actions, s.id).not.toContain('*');
        if (actions.some((a) => a.startsWith('dynamodb:'))) expect(resourcesOf2(s), s.id).not.toContain('*');
      }
    }
  });

  it("grants each handler exactly its routes' data access", () => {
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
    for (const [handler, { data }] of handlersOf(routes)) {
      const fn = platform.apiFunctions.get(handler)!;
      const roleId = Stack.of(fn).getLogicalId(fn.role!.node.defaultChild as never);
      const dynamo = statementsOf(templates.api)
        .filter((s) => {
          const policy = resourcesOf(templates.api)[s.id]!.Properties as { Roles: { Ref: string }[] };
          return policy.Roles.some((r) => r.Ref === roleId);
        })
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('dynamodb:'));
      if (data === 'none') expect(dynamo, handler).toEqual([]);
      if (data === 'read') {
        expect(dynamo, handler).toContain('dynamodb:Query');
        expect(
          dynamo.filter((a) => writes.includes(a)),
          handler,
        ).toEqual([]);
      }
      if (data === 'readwrite') expect(dynamo, handler).toEqual(expect.arrayContaining(writes));
    }
  });
});

describe('least privilege: only what the code calls (issue 16 item 3)', () => {
  type Statement = { Action: string | string[]; Resource?: unknown };
  const allStatements = () =>
    stacks().flatMap((stack) =>
      ofType(Template.fromStack(stack), 'AWS::IAM::Policy').flatMap(([id, p]) =>
        (p.Properties['PolicyDocument'] as { Statement: Statement[] }).Statement.map((st) => ({ id, ...st })),
      ),
    );
  const actions = (st: Statement) => (Array.isArray(st.Action) ? st.Action : [st.Action]);

  // BatchGetItem reaches exactly what GetItem reaches (keys the caller names); the search snapshot and
  // people lookups call it (packages/db/src/batch-get.ts). BatchWriteItem stays out: writes are transactions.
  it('grants no Scan, BatchWriteItem, DescribeTable, nor stream actions on a table ARN, anywhere', () => {
    for (const statement of allStatements()) {
      for (const action of actions(statement)) {
        expect(action, statement.id).not.toMatch(/^dynamodb:(Scan|BatchWriteItem|DescribeTable|PartiQL\w+)$/);
        if (/^dynamodb:(GetRecords|GetShardIterator|DescribeStream)$/.test(action)) {
          expect(JSON.stringify(statement.Resource), statement.id).toMatch(/StreamArn/);
        }
        if (action === 'dynamodb:ListStreams') expect(statement.Resource, statement.id).toBe('*');
      }
    }
  });

  it('lets the photo-upload request presign only PutObject into uploads/', () => {
    const fn = platform.apiFunctions.get('marketplace/request-photo-upload')!;
    const s3 = roleStatements(templates.api, platform.api, fn).filter((st) =>
      actionsOf(st).some((a) => a.startsWith('s3:')),
    );
    expect(s3.map(actionsOf)).toEqual([['s3:PutObject']]);
    expect(JSON.stringify(s3[0]!.Resource)).toMatch(/\/uploads\/\*"\]\]\}$/);
  });

  it('reserves concurrency for the bank webhook (a burst of scans cannot starve it)', () => {
    const fn = platform.apiFunctions.get('markets/bank-webhook')!;
    expect(functionProps(templates.api, platform.api, fn)['ReservedConcurrentExecutions']).toBeGreaterThan(0);
  });
});

describe('operations: alarms reach a person, failures are kept', () => {
  it('every alarm in every stack notifies the stage’s alarm topic', () => {
    let alarms = 0;
    for (const stack of stacks()) {
      for (const [id, alarm] of ofType(Template.fromStack(stack), 'AWS::CloudWatch::Alarm')) {
        alarms++;
        expect(JSON.stringify(alarm.Properties['AlarmActions'] ?? []), `${stack.stackName} ${id}`).toMatch(
          /Alarms/,
        );
      }
    }
    expect(alarms).toBeGreaterThan(handlersOf(routes).size);
  });

  it('scheduled runs and till stream batches that fail end in dead-letter queues with alarms', () => {
    for (const [, rule] of ofType(templates.api, 'AWS::Events::Rule')) {
      const targets = rule.Properties['Targets'] as { DeadLetterConfig?: unknown }[];
      expect(targets.every((t) => t.DeadLetterConfig)).toBe(true);
    }
    const till = Template.fromStack(platform.till);
    till.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });
});

describe('CloudFormation limits', () => {
  // A template holds at most 500 resources. Every stack keeps 100 free: room for about ten more routes,
  // each with its own function (~9 resources), before its area must be split in two (decision 0350).
  const TEMPLATE_LIMIT = 500;
  const HEADROOM = 100;
  const stackIds = platformStackIds();

  it.each(stackIds)(`%s keeps ${HEADROOM} of its ${TEMPLATE_LIMIT} resources free`, (id) => {
    const stack = platform.app.node.findChild(id) as Stack;
    const count = Object.keys(resourcesOf(Template.fromStack(stack))).length;
    expect(count, `${id}: ${count} resources`).toBeGreaterThan(0);
    expect(TEMPLATE_LIMIT - count, `${id}: ${count} resources`).toBeGreaterThanOrEqual(HEADROOM);
  });

  it('gives every area of the route table its own stack, and no route to the shared one', () => {
    expect([...platform.apiRoutes.keys()].sort()).toEqual([...new Set(routes.map(areaOf))].sort());
    expect(ofTypeIn(platform.api, 'AWS::ApiGatewayV2::Route')).toEqual([]);
    for (const [area, stack] of platform.apiRoutes) {
      const keys = ofTypeIn(stack, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties['RouteKey']);
      expect(keys.sort(), area).toEqual(
        routes
          .filter((route) => areaOf(route) === area)
          .map((route) => `${route.method} ${route.path}`)
          .sort(),
      );
      // The shared authorizer and API, not copies: no area declares either.
      expect(ofTypeIn(stack, 'AWS::ApiGatewayV2::Authorizer'), area).toEqual([]);
      expect(ofTypeIn(stack, 'AWS::ApiGatewayV2::Api'), area).toEqual([]);
    }
  });

  it('deploys the stage after every stack whose routes its settings name (else "Unable to find Route by key")', () => {
    const stages = [platform.api, ...platform.apiRoutes.values(), platform.apiStage].flatMap((stack) =>
      ofTypeIn(stack, 'AWS::ApiGatewayV2::Stage').map(([, r]) => ({ stack, props: r.Properties })),
    );
    expect(stages.map(({ stack }) => stack.node.id)).toEqual(['ApiStage']);
    const named = Object.keys(stages[0]!.props['RouteSettings'] as object);
    expect(named.length).toBeGreaterThan(0);
    const before = new Set(platform.apiStage.dependencies);
    for (const key of named) {
      const owner = [...platform.apiRoutes.values()].find((stack) =>
        ofTypeIn(stack, 'AWS::ApiGatewayV2::Route').some(([, r]) => r.Properties['RouteKey'] === key),
      );
      expect(owner, key).toBeDefined();
      expect(before.has(owner!), `${key}: ${owner!.node.id} deploys before the stage`).toBe(true);
    }
  });
});

describe('two stages in one account', () => {
  it('name every account-wide CloudFront resource after the stage', () => {
    const names = [
      ...ofType(templates.site, 'AWS::CloudFront::CachePolicy').map(
        ([, r]) => (r.Properties['CachePolicyConfig'] as { Name: string }).Name,
      ),
      ...ofType(templates.site, 'AWS::CloudFront::OriginRequestPolicy').map(
        ([, r]) => (r.Properties['OriginRequestPolicyConfig'] as { Name: string }).Name,
      ),
      ...ofType(templates.site, 'AWS::CloudFront::Function').map(([, r]) => r.Properties['Name'] as string),
    ];
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) expect(name).toMatch(/^chophien-prod-/);
  });
});

describe('identity: the app client and its texts', () => {
  it('has no OAuth flows or callback URLs, and Cognito’s SMS texts are Vietnamese', () => {
    const [, client] = ofType(templates.identity, 'AWS::Cognito::UserPoolClient')[0]!;
    expect(client.Properties['AllowedOAuthFlows']).toBeUndefined();
    expect(client.Properties['CallbackURLs']).toBeUndefined();
    const [, pool] = ofType(templates.identity, 'AWS::Cognito::UserPool')[0]!;
    for (const text of [
      pool.Properties['SmsVerificationMessage'],
      pool.Properties['SmsAuthenticationMessage'],
      (pool.Properties['AdminCreateUserConfig'] as { InviteMessageTemplate?: { SMSMessage?: string } })
        ?.InviteMessageTemplate?.SMSMessage,
    ]) {
      expect(String(text)).toMatch(/^Chợ phiên: .*\{####\}/);
    }
  });
});

describe('capabilities (uses): exactly the grants and env each function declares', () => {
  const mentions = (s: PolicyStatementJson, text: string) => JSON.stringify(s.Resource ?? '').includes(text);
  const grants: {
    name: string;
    matches: (s: PolicyStatementJson) => boolean;
    expected: (uses: ReadonlySet<Capability>) => boolean;
  }[] = [
    {
      name: 'trace signing secret',
      matches: (s) =>
        actionsOf(s).includes('secretsmanager:GetSecretValue') && mentions(s, 'TraceSigningSecret'),
      expected: (uses) => uses.has('traceSigning'),
    },
    {
      name: 'stall code secret',
      matches: (s) =>
        actionsOf(s).includes('secretsmanager:GetSecretValue') && mentions(s, 'StallCodeSecret'),
      expected: (uses) => uses.has('stallCodes'),
    },
    {
      name: 'channel secrets (read)',
      matches: (s) =>
        actionsOf(s).includes('secretsmanager:GetSecretValue') &&
        mentions(s, ':secret:chophien/bank-channels/prod/*'),
      expected: (uses) => uses.has('channelSecretsRead'),
    },
    {
      name: 'channel secrets (create)',
      matches: (s) =>
        actionsOf(s).includes('secretsmanager:CreateSecret') &&
        mentions(s, ':secret:chophien/bank-channels/prod/*'),
      expected: (uses) => uses.has('channelSecretsWrite'),
    },
    {
      name: 'site URL parameter',
      matches: (s) =>
        actionsOf(s).includes('ssm:GetParameter') && mentions(s, ':parameter/chophien/prod/site-url'),
      expected: needsSiteUrl,
    },
    {
      name: 'photos bucket',
      matches: (s) => actionsOf(s).some((a) => a.startsWith('s3:PutObject')) && mentions(s, 'DataPhotos'),
      expected: usesPhotos,
    },
    {
      name: 'alerts secret',
      matches: (s) => actionsOf(s).includes('secretsmanager:GetSecretValue') && mentions(s, 'AlertsSecret'),
      expected: (uses) => uses.has('alerts'),
    },
    {
      name: 'SMS',
      matches: (s) => actionsOf(s).includes('sns:Publish'),
      expected: (uses) => uses.has('sms') || uses.has('alerts'),
    },
    {
      name: 'identity admin (the user pool only)',
      matches: (s) =>
        actionsOf(s).every((a) => a.startsWith('cognito-idp:Admin')) && mentions(s, 'IdentityUserPool'),
      expected: (uses) => uses.has('identityAdmin'),
    },
  ];
  const apiFunctions = () => [
    ...[...handlersOf(routes)].map(([handler, { uses }]) => ({
      name: handler,
      fn: platform.apiFunctions.get(handler)!,
      uses,
    })),
    ...schedules.map((schedule) => ({
      name: schedule.id,
      fn: platform.api.api.scheduledFunctions.get(schedule.id)!,
      uses: new Set<Capability>((schedule as ScheduleDefinition).uses ?? []),
    })),
  ];

  it('declares the capabilities the handlers read (contract C3)', () => {
    const uses = (handler: string) => [...handlersOf(routes).get(handler)!.uses].sort();
    for (const handler of handlersOf(routes).keys()) {
      if (handler.startsWith('trace/')) expect(uses(handler), handler).toContain('traceSigning');
    }
    // Payments raise alerts (decision 1002): SMS, push and Zalo settings.
    expect(uses('markets/bank-webhook')).toEqual(['alerts', 'channelSecretsRead', 'sms']);
    expect(uses('markets/confirm-account-change')).toEqual(['channelSecretsWrite']);
    expect(uses('markets/stall-standee')).toEqual(['stallCodes']);
    expect(uses('system/health')).toEqual([]);
  });

  it('grants each capability to the functions that declare it and to no other', () => {
    for (const { name, fn, uses } of apiFunctions()) {
      const statements = roleStatements(templates.api, platform.api, fn);
      for (const grant of grants) {
        expect(statements.some(grant.matches), `${name}: ${grant.name}`).toBe(grant.expected(uses));
      }
      // Nothing beyond logs, the table and the capabilities above.
      for (const statement of statements) {
        const own = actionsOf(statement).every((a) => a.startsWith('logs:') || a.startsWith('dynamodb:'));
        expect(own || grants.some((g) => g.matches(statement)), `${name}: ${JSON.stringify(statement)}`).toBe(
          true,
        );
      }
    }
  });

  it('scopes SMS to phone numbers (no topic) and secrets to their own ARNs', () => {
    const sms = apiFunctions().filter(({ uses }) => uses.has('sms'));
    expect(sms.length).toBeGreaterThan(0);
    for (const { fn } of sms) {
      const publish = roleStatements(templates.api, platform.api, fn).find((s) =>
        actionsOf(s).includes('sns:Publish'),
      )!;
      expect(publish.Resource).toBeUndefined();
      expect(publish.NotResource).toBe('arn:aws:sns:*:*:*');
    }
    for (const { fn } of apiFunctions()) {
      for (const s of roleStatements(templates.api, platform.api, fn)) {
        if (actionsOf(s).some((a) => /^(secretsmanager|ssm|s3):/.test(a))) expect(s.Resource).not.toBe('*');
      }
    }
  });

  it('adds the parameter extension layer only where the site URL must be read at cold start', () => {
    for (const { name, fn, uses } of apiFunctions()) {
      const props = functionProps(templates.api, platform.api, fn);
      const env = envOf(templates.api, platform.api, fn);
      const hasLayer = JSON.stringify(props['Layers'] ?? []).includes(
        'AWS-Parameters-and-Secrets-Lambda-Extension',
      );
      expect(hasLayer, name).toBe(needsSiteUrl(uses));
      expect(
        Object.keys(env).some((k) => EXTENSION_ENV.test(k)),
        name,
      ).toBe(needsSiteUrl(uses));
      if (needsSiteUrl(uses)) expect(env['SITE_URL_PARAMETER']).toBe('/chophien/prod/site-url');
      if (uses.has('channelSecretsRead') || uses.has('channelSecretsWrite')) {
        expect(env['CHANNEL_SECRET_PREFIX']).toBe('chophien/bank-channels/prod/');
      }
    }
  });
});

describe('secrets', () => {
  it('are generated by Secrets Manager, and the signing keys are retained', () => {
    const data = ofType(templates.data, 'AWS::SecretsManager::Secret');
    // Trace signing, stall codes, and the alert channels' settings (filled in by an operator, decision 1002).
    expect(data).toHaveLength(3);
    for (const [id, secret] of data) {
      expect(secret.Properties['GenerateSecretString'], id).toBeDefined();
      expect(secret.Properties['SecretString'], id).toBeUndefined();
      expect((secret as { DeletionPolicy?: string }).DeletionPolicy, id).toBe('Retain');
    }
    const [, origin] = ofType(templates.site, 'AWS::SecretsManager::Secret')[0]!;
    expect(origin.Properties['GenerateSecretString']).toBeDefined();
  });

  it('never reach a Lambda environment as values, only as ARNs', () => {
    let checked = 0;
    for (const stack of stacks()) {
      for (const [id, fn] of ofType(Template.fromStack(stack), 'AWS::Lambda::Function')) {
        const env = (fn.Properties['Environment'] as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables;
        if (!env) continue;
        checked++;
        for (const name of SECRET_NAMES) expect(env[name], `${id} ${name}`).toBeUndefined();
        expect(JSON.stringify(env), id).not.toMatch(/resolve:secretsmanager|SecretString|CHANNEL_SECRET=/);
      }
    }
    expect(checked).toBeGreaterThan(handlersOf(routes).size);
  });

  it('the storefront server reads the trace key and the origin secret by ARN and the site URL by parameter', () => {
    const env = envOf(templates.site, platform.site, platform.site.site.server);
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'TRACE_SIGNING_SECRET_ARN',
        'ORIGIN_VERIFY_SECRET_ARN',
        'SITE_URL_PARAMETER',
        'PHOTOS_BUCKET',
        'PHOTOS_PUBLIC_URL_PARAMETER',
      ]),
    );
    const statements = roleStatements(templates.site, platform.site, platform.site.site.server);
    const reads = statements.filter((s) => actionsOf(s).includes('secretsmanager:GetSecretValue'));
    expect(reads.map((s) => JSON.stringify(s.Resource)).join(' ')).toMatch(/TraceSigningSecret/);
    expect(reads.map((s) => JSON.stringify(s.Resource)).join(' ')).toMatch(/OriginVerifySecret/);
    expect(
      statements.some(
        (s) => actionsOf(s).includes('ssm:GetParameter') && JSON.stringify(s.Resource).includes('site-url'),
      ),
    ).toBe(true);
    // The no-JS photo page writes through the server.
    expect(
      statements.some(
        (s) =>
          actionsOf(s).some((x) => x.startsWith('s3:PutObject')) &&
          JSON.stringify(s.Resource).includes('DataPhotos'),
      ),
    ).toBe(true);
    // Its pages run the same use-cases as the API: orders, scan log, farm events, sales.
    const tableWrites = statements.filter(
      (s) => actionsOf(s).includes('dynamodb:PutItem') && actionsOf(s).includes('dynamodb:UpdateItem'),
    );
    expect(tableWrites.length).toBeGreaterThan(0);
    // The trace page's clone-warning SMS: SNS Publish to phone numbers only, never to a topic.
    const sms = statements.filter((s) => actionsOf(s).includes('sns:Publish'));
    expect(sms).toEqual([expect.objectContaining({ NotResource: 'arn:aws:sns:*:*:*' })]);
  });
});

describe('data: photos bucket', () => {
  const photos = () => ofType(templates.data, 'AWS::S3::Bucket').find(([id]) => id.startsWith('DataPhotos'))!;

  it('is private, encrypted, TLS-only, retained, with CORS for uploads and a lifecycle for abandoned ones', () => {
    const [id, bucket] = photos();
    expect((bucket as { DeletionPolicy?: string }).DeletionPolicy).toBe('Retain');
    expect(bucket.Properties['PublicAccessBlockConfiguration']).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(JSON.stringify(bucket.Properties['BucketEncryption'])).toContain('AES256');
    const cors = (bucket.Properties['CorsConfiguration'] as { CorsRules: Record<string, string[]>[] })
      .CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0]!['AllowedMethods']!.sort()).toEqual(['POST', 'PUT']);
    expect(cors[0]!['AllowedOrigins']).toEqual(['https://*.cloudfront.net']);
    const rules = (bucket.Properties['LifecycleConfiguration'] as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      ]),
    );
    const policy = ofType(templates.data, 'AWS::S3::BucketPolicy').find(([, p]) =>
      JSON.stringify(p.Properties['Bucket']).includes(id),
    )!;
    const statements = (policy[1].Properties['PolicyDocument'] as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        expect.objectContaining({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Principal: { Service: 'cloudfront.amazonaws.com' },
        }),
      ]),
    );
    const read = statements.find((s) => s['Action'] === 's3:GetObject')!;
    expect(JSON.stringify(read['Resource'])).toMatch(/\/photos\/\*"/);
    expect(JSON.stringify(read['Condition'])).toContain(':distribution/*');
  });
});

describe('site: one brand domain (decision 0303)', () => {
  type Behavior = Record<string, unknown> & { PathPattern?: string; TargetOriginId: string };
  const config = () =>
    ofType(templates.site, 'AWS::CloudFront::Distribution')[0]![1].Properties['DistributionConfig'] as {
      DefaultCacheBehavior: Behavior;
      CacheBehaviors: Behavior[];
      Origins: {
        Id: string;
        DomainName: unknown;
        OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
      }[];
    };
  const behavior = (pattern: string) => config().CacheBehaviors.find((b) => b.PathPattern === pattern);
  const originOf = (b: Behavior) => config().Origins.find((o) => o.Id === b.TargetOriginId)!;
  const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
  const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
  const ALL_VIEWER_EXCEPT_HOST = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

  it('sends the GS1 resolver, EPCIS and open data to the HTTP API, never cached', () => {
    const [policyId, policy] = ofType(templates.site, 'AWS::CloudFront::OriginRequestPolicy')[0]!;
    const policyConfig = policy.Properties['OriginRequestPolicyConfig'] as Record<
      string,
      Record<string, unknown>
    >;
    expect(policyConfig['QueryStringsConfig']).toEqual({ QueryStringBehavior: 'all' });
    expect(policyConfig['CookiesConfig']).toEqual({ CookieBehavior: 'none' });
    expect(policyConfig['HeadersConfig']!['HeaderBehavior']).toBe('whitelist');
    expect((policyConfig['HeadersConfig']!['Headers'] as string[]).sort()).toEqual(
      ['accept', 'accept-language', 'user-agent'].sort(),
    );
    for (const pattern of ['01/*', 'l/*', 'epcis/*', 'open-data/*']) {
      const b = behavior(pattern)!;
      expect(b, pattern).toBeDefined();
      expect(b['CachePolicyId'], pattern).toBe(CACHING_DISABLED);
      expect(b['OriginRequestPolicyId'], pattern).toEqual({ Ref: policyId });
      expect(b['AllowedMethods'], pattern).toEqual(['GET', 'HEAD', 'OPTIONS']);
      // The origin's domain is the HTTP API's, taken from its endpoint (an import from the Api stack).
      expect(JSON.stringify(originOf(b).DomainName), pattern).toMatch(/HttpApi.*ApiEndpoint/);
    }
  });

  it("routes every API path on the brand domain, and they are the API's public GET routes", () => {
    const onSite = routes.filter((r) => /^\/(01|l|epcis|open-data)\//.test(r.path));
    expect(onSite.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/01/{gtin}/10/{lot}', '/l/{lot}', '/l/{lot}/s/{serial}', '/epcis/events']),
    );
    for (const route of onSite) {
      expect(route.method, route.path).toBe('GET');
      expect(route.auth, route.path).toBe('public');
    }
  });

  it('serves photos/* from the photos bucket through origin access control, cached', () => {
    const b = behavior('photos/*')!;
    expect(b['CachePolicyId']).toBe(CACHING_OPTIMIZED);
    expect(b['AllowedMethods']).toEqual(['GET', 'HEAD']);
    const origin = originOf(b) as { DomainName: unknown; OriginAccessControlId?: unknown };
    expect(JSON.stringify(origin.DomainName)).toMatch(/DataPhotos/);
    expect(origin.OriginAccessControlId).toBeDefined();
  });

  it('sends everything else to the storefront: all methods, the origin secret, the viewer host', () => {
    const b = config().DefaultCacheBehavior;
    expect((b['AllowedMethods'] as string[]).sort()).toEqual(
      ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'].sort(),
    );
    expect(b['OriginRequestPolicyId']).toBe(ALL_VIEWER_EXCEPT_HOST);
    const headers = originOf(b).OriginCustomHeaders ?? [];
    expect(headers.map((h) => h.HeaderName)).toEqual(['x-chophien-origin-verify']);
    // A CloudFormation dynamic reference: the value itself is in no template.
    expect(JSON.stringify(headers[0]!.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(headers[0]!.HeaderValue)).toContain('OriginVerifySecret');
    const associations = b['FunctionAssociations'] as { EventType: string; FunctionARN: unknown }[];
    expect(associations.map((a) => a.EventType)).toEqual(['viewer-request']);
    const [, cfFunction] = ofType(templates.site, 'AWS::CloudFront::Function')[0]!;
    expect(String(cfFunction.Properties['FunctionCode'])).toContain("request.headers['x-forwarded-host']");
    expect(cfFunction.Properties['AutoPublish']).toBe(true);
  });

  it('publishes its URL for the functions (SSM /chophien/<stage>/site-url)', () => {
    templates.site.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/chophien/prod/site-url',
      Type: 'String',
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] },
    });
  });
});

describe('runtimes', () => {
  it('runs every Node.js function on arm64 nodejs22.x', () => {
    let count = 0;
    for (const stack of stacks()) {
      for (const [id, fn] of ofType(Template.fromStack(stack), 'AWS::Lambda::Function')) {
        const runtime = String(fn.Properties['Runtime']);
        if (!runtime.startsWith('nodejs')) continue; // CDK's own BucketDeployment provider is Python
        count++;
        expect(runtime, id).toBe('nodejs22.x');
        expect(fn.Properties['Architectures'], id).toEqual(['arm64']);
      }
    }
    // + the storefront server + the Cognito post-confirmation trigger (stacks/identity.ts)
    expect(count).toBe(handlersOf(routes).size + schedules.length + 2);
  });
});

describe('site', () => {
  it('serves SSR from a function URL behind CloudFront (OAC) and assets from a private bucket', () => {
    // Auth NONE (browsers cannot sign form bodies for Lambda OAC); the origin secret guards it (below).
    templates.site.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'NONE' });
    templates.site.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const oacs = ofType(templates.site, 'AWS::CloudFront::OriginAccessControl').map(
      ([, o]) =>
        (o.Properties['OriginAccessControlConfig'] as { OriginAccessControlOriginType: string })
          .OriginAccessControlOriginType,
    );
    expect(oacs.sort()).toEqual(['s3', 's3']); // static assets, listing photos
    templates.site.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    templates.site.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: Match.arrayWith([Match.objectLike({ PathPattern: '_astro/*' })]),
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
    // SSR HTML is compressed at the edge (the server does not compress; see decision 0401).
    templates.site.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        DefaultTTL: 0,
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
        }),
      }),
    });
    templates.site.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors' });
  });
});

/** Runs an ES module snippet in a fresh Node process (no AWS credentials, no metadata service). */
function runModule(
  code: string,
  env: Record<string, string>,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: tmpdir(),
    env: { PATH: process.env['PATH'] ?? '', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assetDirOf(stack: Stack, fn: NodejsFunction): string {
  const code = (fn.node.defaultChild as CfnFunction).code as { s3Key?: string };
  const key = stack.resolve(code.s3Key) as string;
  return join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
}

/** What the Site stack gives its server about sign-in (src/stacks/site.ts), as stand-in values. */
const SITE_IDENTITY_ENV = {
  COGNITO_CLIENT_ID: 'test-client-id',
  COGNITO_REGION: 'ap-southeast-1',
  AUTH_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_test',
  AUTH_JWKS_URL: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_test/.well-known/jwks.json',
  AUTH_AUDIENCE: 'test-client-id',
};

describe('post-confirmation trigger bundle', () => {
  it('imports as ESM and exports handler (no AWS call before the first event)', () => {
    const file = join(
      assetDirOf(platform.identity, platform.identity.identity.postConfirmation),
      'index.mjs',
    );
    const result = runModule(
      `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(typeof m.handler);`,
      { TABLE_NAME: 'chophien-test', CHOPHIEN_MODE: 'aws', AWS_REGION: 'ap-southeast-1' },
    );
    expect(result.stdout.trim(), result.stderr).toBe('function');
  });
});

describe('storefront server bundle', () => {
  it('carries the label font beside index.mjs (PDF label sheets on the producer desk)', () => {
    const dir = assetDirOf(platform.site, platform.site.site.server);
    expect(existsSync(join(dir, 'DejaVuSans.ttf'))).toBe(true);
  });
});

describe('bundles load', () => {
  it('every handler bundle imports as ESM and exports handler', () => {
    for (const [handler, fn] of platform.apiFunctions) {
      const file = join(assetDirOf(Stack.of(fn), fn), 'index.mjs');
      const result = runModule(
        `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(typeof m.handler);`,
        {
          TABLE_NAME: 'chophien-test',
          AUTH_ISSUER: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_test',
          AUTH_JWKS_URL:
            'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_test/.well-known/jwks.json',
          AUTH_AUDIENCE: 'client',
          POWERTOOLS_SERVICE_NAME: 'chophien-api',
          POWERTOOLS_LOG_LEVEL: 'ERROR',
          CHOPHIEN_MODE: 'aws',
          AWS_REGION: 'ap-southeast-1',
        },
      );
      expect(result.stdout.trim(), `${handler}: ${result.stderr}`).toBe('function');
    }
  });

  it('the storefront server bundle renders / as HTML for a function-URL event', () => {
    const file = join(assetDirOf(platform.site, platform.site.site.server), 'index.mjs');
    const event = {
      version: '2.0',
      routeKey: '$default',
      rawPath: '/',
      rawQueryString: '',
      headers: { host: 'd111111abcdef8.cloudfront.net', accept: 'text/html', 'x-forwarded-proto': 'https' },
      requestContext: {
        http: { method: 'GET', path: '/', protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
        domainName: 'd111111abcdef8.cloudfront.net',
        requestId: 'test',
        timeEpoch: 0,
      },
      isBase64Encoded: false,
    };
    const result = runModule(
      `const m = await import(${JSON.stringify(pathToFileURL(file).href)});
       const r = await m.handler(${JSON.stringify(event)}, {});
       console.log(JSON.stringify({ status: r.statusCode, type: r.headers['content-type'], html: String(r.body).slice(0, 200) }));`,
      {
        TABLE_NAME: 'chophien-test',
        CHOPHIEN_MODE: 'aws',
        AWS_REGION: 'ap-southeast-1',
        API_URL: 'https://api.invalid',
        ...SITE_IDENTITY_ENV,
      },
    );
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(line, result.stderr).toMatch(/^\{/);
    const rendered = JSON.parse(line) as { status: number; type: string; html: string };
    expect(rendered.status).toBe(200);
    expect(rendered.type).toMatch(/text\/html/);
    expect(rendered.html).toMatch(/^<!DOCTYPE html>/i);
  });
  it('the storefront answers only CloudFront (origin secret) and accepts same-site form posts via X-Forwarded-Host', () => {
    const file = join(assetDirOf(platform.site, platform.site.site.server), 'index.mjs');
    const secret = 'test-origin-secret-0123456789abcdef0123456789';
    const event = (method: string, path: string, headers: Record<string, string>, body?: string) => ({
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'abc.lambda-url.ap-southeast-1.on.aws', 'x-forwarded-proto': 'https', ...headers },
      requestContext: {
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.1', userAgent: 'test' },
        domainName: 'abc.lambda-url.ap-southeast-1.on.aws',
        requestId: 'test',
        timeEpoch: 0,
      },
      ...(body === undefined ? {} : { body }),
      isBase64Encoded: false,
    });
    const brand = 'd111111abcdef8.cloudfront.net';
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const cases = {
      noSecret: event('GET', '/', { accept: 'text/html' }),
      wrongSecret: event('GET', '/', { accept: 'text/html', 'x-chophien-origin-verify': `${secret}x` }),
      withSecret: event('GET', '/', { accept: 'text/html', 'x-chophien-origin-verify': secret }),
      sameSitePost: event(
        'POST',
        '/dang-xuat',
        {
          ...form,
          'x-chophien-origin-verify': secret,
          'x-forwarded-host': brand,
          origin: `https://${brand}`,
        },
        'next=%2F',
      ),
      crossSitePost: event(
        'POST',
        '/dang-xuat',
        {
          ...form,
          'x-chophien-origin-verify': secret,
          'x-forwarded-host': brand,
          origin: 'https://evil.example',
        },
        'next=%2F',
      ),
    };
    const result = runModule(
      `const m = await import(${JSON.stringify(pathToFileURL(file).href)});
       const cases = ${JSON.stringify(cases)};
       const out = {};
       for (const [name, e] of Object.entries(cases)) out[name] = (await m.handler(e, {})).statusCode;
       console.log(JSON.stringify(out));`,
      {
        TABLE_NAME: 'chophien-test',
        CHOPHIEN_MODE: 'aws',
        AWS_REGION: 'ap-southeast-1',
        API_URL: 'https://api.invalid',
        ...SITE_IDENTITY_ENV,
        // Plain value: the bundle test has no Secrets Manager; on AWS only ORIGIN_VERIFY_SECRET_ARN is set.
        ORIGIN_VERIFY_SECRET: secret,
      },
    );
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(line, result.stderr).toMatch(/^\{/);
    expect(JSON.parse(line)).toEqual({
      noSecret: 403,
      wrongSecret: 403,
      withSecret: 200,
      sameSitePost: 303,
      crossSitePost: 403,
    });
  });
});

describe('no local development identity provider', () => {
  it('has no dev token or dev JWKS route, resource or env', () => {
    const devLike = /dev\/token|devtoken|dev-token|\/jwks|jwks\.json"?$|localidp|local-idp|dev-?idp/i;
    for (const stack of stacks()) {
      const template = Template.fromStack(stack).toJSON() as { Resources: Resources };
      for (const [id, r] of Object.entries(template.Resources)) {
        expect(id, stack.stackName).not.toMatch(/dev.?token|jwks|localidp|devidp/i);
        if (r.Type === 'AWS::ApiGatewayV2::Route') {
          expect(String(r.Properties['RouteKey'])).not.toMatch(devLike);
          expect(String(r.Properties['RouteKey'])).not.toMatch(/\/dev\b|well-known/i);
        }
      }
      const text = JSON.stringify(template);
      expect(text).not.toMatch(/localhost|127\.0\.0\.1|\/dev\/token/);
    }
    // The only JWKS anywhere is Cognito's.
    for (const [, fn] of ofType(templates.api, 'AWS::Lambda::Function')) {
      const env = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(JSON.stringify(env['AUTH_ISSUER'])).toContain('cognito-idp.');
    }
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('has zero unacknowledged errors and warnings in every stack', () => {
    for (const stack of stacks()) {
      const annotations = Annotations.fromStack(stack);
      const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
      const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
      expect(
        errors.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 80)}`),
        stack.stackName,
      ).toEqual([]);
      expect(
        warnings.map((w) => `${w.id}: ${String(w.entry.data).slice(0, 80)}`),
        stack.stackName,
      ).toEqual([]);
    }
  });

  it('gives every acknowledgement a reason', () => {
    let acknowledged = 0;
    for (const stack of stacks()) {
      for (const node of stack.node.findAll()) {
        if (!(node instanceof CfnResource)) continue;
        const nag = node.getMetadata('cdk_nag') as
          | { rules_to_suppress?: { id: string; reason: string }[] }
          | undefined;
        for (const rule of nag?.rules_to_suppress ?? []) {
          acknowledged++;
          expect(rule.reason.length, `${node.node.path} ${rule.id}`).toBeGreaterThan(40);
        }
      }
    }
    expect(acknowledged).toBeGreaterThan(0);
  });
});

it('resolves the repository root from the working directory', () => {
  expect(findRepoRoot()).toBe(join(import.meta.dirname, '..', '..', '..'));
});
