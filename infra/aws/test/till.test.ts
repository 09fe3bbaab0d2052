/**
 * The live till's stack, synthesized with the data stack it reads (no storefront build needed):
 * the WebSocket routes, `$connect` handled in code, the stream and its filter, least-privilege
 * ManageConnections, access logs without the query string, cdk-nag clean.
 */
import { join } from 'node:path';
import { tillStreamFilterPattern } from '@chophien/db/markets/till-stream';
import { App, Aspects, CfnResource } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { acknowledgeFindings } from '../src/nag.ts';
import { findRepoRoot } from '../src/paths.ts';
import { DataStack } from '../src/stacks/data.ts';
import { TillStack } from '../src/stacks/till.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

let till: TillStack;
let template: Template;
let data: Template;

beforeAll(() => {
  const repoRoot = findRepoRoot();
  // Same output folder as `npm run synth`: unchanged bundles are reused.
  const app = new App({ outdir: join(repoRoot, 'infra', 'aws', 'cdk.out'), analyticsReporting: false });
  const env = { account: '000000000000', region: 'ap-southeast-1' };
  const dataStack = new DataStack(app, 'Data', { env });
  till = new TillStack(app, 'Till', { env, repoRoot, table: dataStack.data.table });
  acknowledgeFindings(app);
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  template = Template.fromStack(till);
  data = Template.fromStack(dataStack);
}, 600_000);

const resources = (): Resources => template.toJSON()['Resources'] as Resources;
const ofType = (type: string) => Object.entries(resources()).filter(([, r]) => r.Type === type);
const logicalIdOf = (construct: { node: { defaultChild?: unknown } }) =>
  till.resolve((construct.node.defaultChild as CfnResource).logicalId) as string;

describe('till: WebSocket API', () => {
  it('is a WebSocket API with $connect, $disconnect and a ping keep-alive, none behind an authorizer', () => {
    const [[, api]] = ofType('AWS::ApiGatewayV2::Api') as [[string, Resources[string]]];
    expect(api.Properties).toMatchObject({
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    expect(routes.map((r) => r['RouteKey']).sort()).toEqual(['$connect', '$disconnect', 'ping']);
    for (const route of routes) expect(route['AuthorizationType'] ?? 'NONE').toBe('NONE');
    expect(ofType('AWS::ApiGatewayV2::Authorizer')).toEqual([]);
  });

  it('sends $connect to till-connect and $disconnect to till-disconnect; ping never reaches a function', () => {
    const integrations = new Map(
      ofType('AWS::ApiGatewayV2::Integration').map(([id, r]) => [id, r.Properties]),
    );
    const targetOf = (routeKey: string) => {
      const [, route] = ofType('AWS::ApiGatewayV2::Route').find(
        ([, r]) => r.Properties['RouteKey'] === routeKey,
      )!;
      const ref = JSON.stringify(route.Properties['Target']).match(/"Ref":"([^"]+)"/)![1]!;
      return integrations.get(ref)!;
    };
    expect(JSON.stringify(targetOf('$connect')['IntegrationUri'])).toContain(
      logicalIdOf(till.till.connectFunction),
    );
    expect(JSON.stringify(targetOf('$disconnect')['IntegrationUri'])).toContain(
      logicalIdOf(till.till.disconnectFunction),
    );
    expect(targetOf('ping')['IntegrationType']).toBe('MOCK');
  });

  it('logs access without the query string and keeps execution (data-trace) logging off', () => {
    const [[, stage]] = ofType('AWS::ApiGatewayV2::Stage') as [[string, Resources[string]]];
    expect(stage.Properties['StageName']).toBe('live');
    const format = String((stage.Properties['AccessLogSettings'] as { Format: string }).Format);
    expect(JSON.parse(format)).toMatchObject({ routeKey: '$context.routeKey', status: '$context.status' });
    expect(format.toLowerCase()).not.toMatch(/querystring|ticket|token|authorization/);
    const defaults = (stage.Properties['DefaultRouteSettings'] ?? {}) as Record<string, unknown>;
    expect(defaults['DataTraceEnabled'] ?? false).toBe(false);
    expect(defaults['LoggingLevel'] ?? 'OFF').toBe('OFF');
  });

  it('exports the wss URL', () => {
    const outputs = template.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
    const url = JSON.stringify(
      Object.values(outputs).find((o) => JSON.stringify(o.Value).includes('wss://'))?.Value,
    );
    expect(url).toContain('/live');
  });
});

describe('till: stream fan-out', () => {
  it('turns on NEW_IMAGE streams on the table', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('wakes till-push only for inserted ledger entries (event filter)', () => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    const [, mapping] = mappings[0]!;
    expect(JSON.stringify(mapping.Properties['FunctionName'])).toContain(logicalIdOf(till.till.pushFunction));
    expect(mapping.Properties['StartingPosition']).toBe('LATEST');
    const filters = (mapping.Properties['FilterCriteria'] as { Filters: { Pattern: string }[] }).Filters;
    expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([tillStreamFilterPattern]);
    expect(JSON.parse(filters[0]!.Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: ['LedgerEntry'] } } },
    });
  });

  it('gives ManageConnections to till-push only, on POST @connections of this API and stage only', () => {
    const policies = ofType('AWS::IAM::Policy');
    const manage = policies.flatMap(([, policy]) =>
      (
        policy.Properties['PolicyDocument'] as { Statement: { Action: unknown; Resource: unknown }[] }
      ).Statement.filter((statement) => JSON.stringify(statement.Action).includes('execute-api:')).map(
        (statement) => ({ roles: policy.Properties['Roles'], statement }),
      ),
    );
    expect(manage).toHaveLength(1);
    const [{ roles, statement }] = manage as [
      { roles: unknown; statement: { Action: unknown; Resource: unknown } },
    ];
    expect(statement.Action).toBe('execute-api:ManageConnections');
    const pushRole = till.resolve((till.till.pushFunction.role!.node.defaultChild as CfnResource).logicalId);
    expect(JSON.stringify(roles)).toContain(pushRole);
    const resource = JSON.stringify(statement.Resource);
    expect(resource).toContain(logicalIdOf(till.till.webSocketApi));
    expect(resource).toContain('/live/POST/@connections/*');
  });

  it('tells till-push where to post (the stage callback URL)', () => {
    const [, fn] = ofType('AWS::Lambda::Function').find(
      ([id]) => id === logicalIdOf(till.till.pushFunction),
    )!;
    const env = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(env['TILL_WS_ENDPOINT'])).toMatch(/https:\/\/.*execute-api.*\/live/);
  });
});

describe('till: cdk-nag AwsSolutions', () => {
  it('has zero unacknowledged errors and warnings, each acknowledgement with a reason', () => {
    const annotations = Annotations.fromStack(till);
    const found = [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(found.map((e) => `${e.id}: ${String(e.entry.data).slice(0, 120)}`)).toEqual([]);
    let acknowledged = 0;
    for (const node of till.node.findAll()) {
      if (!(node instanceof CfnResource)) continue;
      const nag = node.getMetadata('cdk_nag') as { rules_to_suppress?: { reason: string }[] } | undefined;
      for (const rule of nag?.rules_to_suppress ?? []) {
        acknowledged++;
        expect(rule.reason.length).toBeGreaterThan(40);
      }
    }
    expect(acknowledged).toBeGreaterThan(0);
  });
});
