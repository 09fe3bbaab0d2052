/**
 * The identity stack on its own (no bundling, so it synthesizes in seconds): passwordless SMS sign-in
 * for the storefront's /dang-nhap, phone sign-up through the post-confirmation trigger (with its
 * least-privilege policy), cdk-nag, and the Cognito settings the site function is given.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyNag } from '../src/nag.ts';
import { findRepoRoot } from '../src/paths.ts';
import { IdentityStack } from '../src/stacks/identity.ts';
import { SiteStack } from '../src/stacks/site.ts';

const env = { account: '000000000000', region: 'ap-southeast-1' };
let identity: Template;
let site: Template;
let identityStack: IdentityStack;
let tableStack: Stack;
let fakeBuild: string;

beforeAll(() => {
  // 'aws:cdk:bundling-stacks': [] skips esbuild; the site build is a stand-in folder.
  const app = new App({ analyticsReporting: false, context: { 'aws:cdk:bundling-stacks': [] } });
  // The table lives in another stack, as on AWS (Data before Identity): the trigger imports its ARN.
  tableStack = new Stack(app, 'Table', { env });
  const table = new TableV2(tableStack, 'Table', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
  });
  identityStack = new IdentityStack(app, 'Identity', { env, repoRoot: findRepoRoot(), table });

  fakeBuild = mkdtempSync(join(tmpdir(), 'identity-test-site-'));
  writeFileSync(join(fakeBuild, 'entry.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
  const siteStack = new SiteStack(app, 'Site', {
    env,
    repoRoot: findRepoRoot(),
    build: {
      serverEntry: join(fakeBuild, 'entry.mjs'),
      clientDir: fakeBuild,
      assetsDir: '_astro',
      staticEntries: [],
      sourceHash: 'test',
    },
    table,
    apiUrl: 'https://api.example',
    identity: identityStack.identity,
    siteAddress: { kind: 'published', parameterName: '/chophien/test/site-url' },
    stage: 'test',
    traceSigningSecret: new Secret(tableStack, 'TraceSigningSecret'),
    photosBucket: new Bucket(tableStack, 'Photos'),
  });
  applyNag(app);
  // Every stack exists before the first synth (Template.fromStack synthesizes the whole app).
  identity = Template.fromStack(identityStack);
  site = Template.fromStack(siteStack);
}, 120_000);

afterAll(() => rmSync(fakeBuild, { recursive: true, force: true }));

describe('identity: passwordless phone sign-in (Cognito USER_AUTH + SMS_OTP)', () => {
  it('the user pool is on the Essentials plan and allows an SMS code as first factor (password kept, as Cognito requires)', () => {
    identity.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      Policies: Match.objectLike({
        SignInPolicy: { AllowedFirstAuthFactors: Match.arrayEquals(['PASSWORD', 'SMS_OTP']) },
      }),
      UsernameAttributes: ['phone_number'],
    });
  });

  it('MFA is not required (Cognito refuses passwordless sign-in when it is)', () => {
    const pools = identity.findResources('AWS::Cognito::UserPool');
    const [pool] = Object.values(pools);
    expect(pool?.Properties.MfaConfiguration).not.toBe('ON');
  });

  it('Cognito can send the SMS (an SMS role is configured)', () => {
    identity.hasResourceProperties('AWS::Cognito::UserPool', {
      SmsConfiguration: Match.objectLike({ SnsCallerArn: Match.anyValue() }),
    });
  });

  it('the web client allows choice-based sign-in (ALLOW_USER_AUTH) and has no secret (the site is a public client)', () => {
    const [client] = Object.values(identity.findResources('AWS::Cognito::UserPoolClient'));
    expect([...((client?.Properties.ExplicitAuthFlows ?? []) as string[])].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      // LEGACY: InitiateAuth answers UserNotFoundException, which starts the sign-up (decision 0403).
      PreventUserExistenceErrors: 'LEGACY',
    });
  });

  it('one group per platform role, so `cognito:groups` carries the roles', () => {
    const groups = Object.values(identity.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(
      [
        'admin',
        'buyer',
        'commune_officer',
        'farmer',
        'market_manager',
        'vendor',
        'stall_helper',
        'digital_helper',
      ].sort(),
    );
  });

  it('has no development identity provider: no dev token or OTP route, no dev issuer', () => {
    const json = JSON.stringify(identity.toJSON());
    expect(json).not.toMatch(/dev\/(token|otp)|dev-idp|chophien-local/);
  });
});

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

describe('phone sign-up: the post-confirmation trigger', () => {
  const resources = () => identity.toJSON().Resources as Resources;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    identityStack.getLogicalId(construct.node.defaultChild as never);
  const poolId = () => logicalId(identityStack.identity.userPool);
  const fnId = () => logicalId(identityStack.identity.postConfirmation);
  const roleId = () => logicalId(identityStack.identity.postConfirmation.role as never);
  const statementsOfRole = (): Statement[] =>
    Object.values(resources())
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId()))
      .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

  it('is the user pool post-confirmation trigger, and Cognito (this pool only) may invoke it', () => {
    identity.hasResourceProperties('AWS::Cognito::UserPool', {
      LambdaConfig: { PostConfirmation: { 'Fn::GetAtt': [fnId(), 'Arn'] } },
    });
    identity.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fnId(), 'Arn'] },
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [poolId(), 'Arn'] },
    });
  });

  it('runs functions/identity/post-confirmation.ts like every handler: arm64 nodejs22.x, own logs, the table name', () => {
    const fn = resources()[fnId()]!.Properties;
    expect(fn).toMatchObject({
      Handler: 'index.handler',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      LoggingConfig: { LogFormat: 'JSON', LogGroup: expect.anything() },
    });
    const vars = (fn.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(JSON.stringify(vars.TABLE_NAME)).toMatch(/Fn::ImportValue/);
    expect(vars.CHOPHIEN_MODE).toBe('aws');
    expect(String(fn.Description)).toContain('identity/post-confirmation');
  });

  it('may only PutItem on the table and AdminAddUserToGroup on this pool (plus its own logs)', () => {
    const statements = statementsOfRole();
    const granted = statements.flatMap(actions).filter((a) => !a.startsWith('logs:'));
    expect(granted.sort()).toEqual(['cognito-idp:AdminAddUserToGroup', 'dynamodb:PutItem']);

    const put = statements.find((s) => actions(s).includes('dynamodb:PutItem'))!;
    expect(put.Effect).toBe('Allow');
    // The table's ARN itself, from the other stack: no index, no wildcard.
    expect(JSON.stringify(put.Resource)).toMatch(
      /^\{"Fn::ImportValue":"Table:ExportsOutputFnGetAttTable.*Arn/,
    );

    const group = statements.find((s) => actions(s).includes('cognito-idp:AdminAddUserToGroup'))!;
    expect(group.Resource).toEqual({ 'Fn::GetAtt': [poolId(), 'Arn'] });
    for (const s of statements) expect(JSON.stringify(s.Resource)).not.toContain('*');
  });

  it('has no dependency cycle: the pool ARN sits in a policy the function does not wait for', () => {
    const fnDependsOn = resources()[fnId()]!.DependsOn ?? [];
    // The function does wait for its role's default policy (where PutItem is), so that one must not name the pool.
    expect(fnDependsOn.some((id) => id.includes('PostConfirmationRoleDefaultPolicy'))).toBe(true);
    const groupPolicyId = Object.entries(resources()).find(
      ([, r]) =>
        r.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(r.Properties.PolicyDocument).includes('cognito-idp:AdminAddUserToGroup'),
    )![0];
    expect(fnDependsOn).not.toContain(groupPolicyId);
    // The synth above would have thrown on a cycle; the template also deploys in one order:
    expect(identity.toJSON().Resources[poolId()].DependsOn ?? []).not.toContain(groupPolicyId);
  });

  it('only the identity stack depends on the table stack, not the other way round', () => {
    expect(identityStack.dependencies).toContain(tableStack);
    expect(tableStack.dependencies).not.toContain(identityStack);
  });

  it('has zero unacknowledged cdk-nag AwsSolutions errors and warnings', () => {
    const annotations = Annotations.fromStack(identityStack);
    const findings = [
      ...annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((f) => `${f.id}: ${String(f.entry.data).slice(0, 100)}`)).toEqual([]);
  });
});

describe('site function: what the sign-in pages need', () => {
  it('gets the app client id, the region and the token issuer, JWKS and audience', () => {
    const fn = Object.values(site.findResources('AWS::Lambda::Function')).find(
      (resource) => resource.Properties.Environment?.Variables?.CHOPHIEN_MODE === 'aws',
    );
    const vars = fn?.Properties.Environment.Variables as Record<string, unknown>;
    expect(vars.COGNITO_REGION).toBe('ap-southeast-1');
    const text = JSON.stringify(vars);
    expect(JSON.stringify(vars.COGNITO_CLIENT_ID)).toMatch(/WebClient/);
    expect(vars.AUTH_AUDIENCE).toEqual(vars.COGNITO_CLIENT_ID);
    expect(JSON.stringify(vars.AUTH_ISSUER)).toContain('cognito-idp.ap-southeast-1.amazonaws.com');
    expect(JSON.stringify(vars.AUTH_JWKS_URL)).toContain('/.well-known/jwks.json');
    expect(text).not.toMatch(/dev-idp|chophien-local/);
  });
});
