/**
 * The CDK app, synthesized once (bundling included) and checked against the contracts it is
 * built from: THE route table, the one table definition, least privilege, runtimes, cdk-nag.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tableDefinition } from '@chophien/db/table';
import { handlerId, routes } from '@chophien/functions/routes';
import { schedules } from '@chophien/functions/schedules';
import { App, CfnResource, type Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaMemoryMb } from '../src/lambda-sizing.ts';
import { findRepoRoot } from '../src/paths.ts';
import { buildPlatform, type Platform } from '../src/platform.ts';
import { handlersOf } from '../src/stacks/api.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let outdir: string;
let platform: Platform;
let templates: Record<'data' | 'identity' | 'api' | 'site', Template>;

// The same app and output folder as `npm run synth` (infra/aws/cdk.out): bundles whose asset hash
// is unchanged are reused from there instead of running esbuild again for every handler.
beforeAll(() => {
  outdir = join(findRepoRoot(), 'infra', 'aws', 'cdk.out');
  platform = buildPlatform({ app: new App({ outdir, analyticsReporting: false }) });
  templates = {
    data: Template.fromStack(platform.data),
    identity: Template.fromStack(platform.identity),
    api: Template.fromStack(platform.api),
    site: Template.fromStack(platform.site),
  };
}, 900_000);

const stacks = (): Stack[] => [platform.data, platform.identity, platform.api, platform.site];
const resourcesOf = (template: Template): Resources => template.toJSON()['Resources'] as Resources;
const ofType = (template: Template, type: string) =>
  Object.entries(resourcesOf(template)).filter(([, r]) => r.Type === type);

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
        expect(props['AuthorizerId'], route.path).toEqual({ Ref: authorizerId });
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
    expect([...platform.api.api.functions.keys()].sort()).toEqual([...handlers.keys()].sort());
    expect(ofType(templates.api, 'AWS::Lambda::Function')).toHaveLength(handlers.size + schedules.length);
    for (const handler of handlers.keys()) {
      expect(platform.api.api.functions.get(handler)!.node.scope!.node.id).toBe(handlerId(handler));
    }
  });

  it('sizes every API function from src/lambda-sizing.ts', () => {
    for (const [id, fn] of ofType(templates.api, 'AWS::Lambda::Function')) {
      expect(fn.Properties['MemorySize'], id).toBe(lambdaMemoryMb);
    }
  });

  it('gives every function the handler environment contract', () => {
    for (const [, fn] of ofType(templates.api, 'AWS::Lambda::Function')) {
      const env = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(env).sort()).toEqual(
        [
          'AUTH_AUDIENCE',
          'AUTH_ISSUER',
          'AUTH_JWKS_URL',
          'CHOPHIEN_MODE',
          'NODE_OPTIONS',
          'POWERTOOLS_LOG_LEVEL',
          'POWERTOOLS_SERVICE_NAME',
          'TABLE_NAME',
        ].sort(),
      );
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
    for (const fn of platform.api.api.functions.values()) {
      const cfn = fn.node.defaultChild as { handler?: string };
      expect(cfn.handler).toBe('index.handler');
    }
    const assets = JSON.parse(
      readFileSync(join(outdir, `${platform.api.artifactId}.assets.json`), 'utf8'),
    ) as {
      files: Record<string, { source: { path: string } }>;
    };
    const dirs = Object.values(assets.files)
      .map((f) => f.source.path)
      .filter((p) => !p.endsWith('.json'));
    expect(dirs.length).toBeGreaterThanOrEqual(handlersOf(routes).size);
    for (const dir of dirs) {
      const code = readFileSync(join(outdir, dir, 'index.mjs'), 'utf8');
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
    const writes = [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ];
    for (const [handler, { data }] of handlersOf(routes)) {
      const fn = platform.api.api.functions.get(handler)!;
      const roleId = platform.api.getLogicalId(fn.role!.node.defaultChild as never);
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
    expect(count).toBe(handlersOf(routes).size + schedules.length + 1); // + the storefront server
  });
});

describe('site', () => {
  it('serves SSR from a function URL behind CloudFront (OAC) and assets from a private bucket', () => {
    templates.site.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
    templates.site.resourceCountIs('AWS::CloudFront::Distribution', 1);
    const oacs = ofType(templates.site, 'AWS::CloudFront::OriginAccessControl').map(
      ([, o]) =>
        (o.Properties['OriginAccessControlConfig'] as { OriginAccessControlOriginType: string })
          .OriginAccessControlOriginType,
    );
    expect(oacs.sort()).toEqual(['lambda', 's3']);
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

describe('bundles load', () => {
  it('every handler bundle imports as ESM and exports handler', () => {
    for (const [handler, fn] of platform.api.api.functions) {
      const file = join(assetDirOf(platform.api, fn), 'index.mjs');
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
      },
    );
    const line = result.stdout.trim().split('\n').at(-1) ?? '';
    expect(line, result.stderr).toMatch(/^\{/);
    const rendered = JSON.parse(line) as { status: number; type: string; html: string };
    expect(rendered.status).toBe(200);
    expect(rendered.type).toMatch(/text\/html/);
    expect(rendered.html).toMatch(/^<!DOCTYPE html>/i);
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
