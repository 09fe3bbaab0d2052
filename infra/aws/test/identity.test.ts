/**
 * The identity stack on its own (no bundling, so it synthesizes in seconds): passwordless SMS sign-in
 * for the storefront's /dang-nhap, and the Cognito settings the site function is given.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../src/paths.ts';
import { IdentityStack } from '../src/stacks/identity.ts';
import { SiteStack } from '../src/stacks/site.ts';

const env = { account: '000000000000', region: 'ap-southeast-1' };
let identity: Template;
let site: Template;
let identityStack: IdentityStack;
let fakeBuild: string;

beforeAll(() => {
  // 'aws:cdk:bundling-stacks': [] skips esbuild; the site build is a stand-in folder.
  const app = new App({ analyticsReporting: false, context: { 'aws:cdk:bundling-stacks': [] } });
  identityStack = new IdentityStack(app, 'Identity', { env });

  fakeBuild = mkdtempSync(join(tmpdir(), 'identity-test-site-'));
  writeFileSync(join(fakeBuild, 'entry.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
  const tableStack = new Stack(app, 'Table', { env });
  const table = new TableV2(tableStack, 'Table', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
  });
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
    traceSigningSecret: new Secret(tableStack, 'TraceSigningSecret'),
    photosBucket: new Bucket(tableStack, 'Photos'),
  });
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
    expect([...(client?.Properties.ExplicitAuthFlows as string[])].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
    expect(client?.Properties).toMatchObject({
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
    });
  });

  it('one group per platform role, so `cognito:groups` carries the roles', () => {
    const groups = Object.values(identity.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties.GroupName,
    );
    expect(groups.sort()).toEqual(
      ['admin', 'buyer', 'commune_officer', 'farmer', 'market_manager', 'vendor'].sort(),
    );
  });

  it('has no development identity provider: no dev token or OTP route, no dev issuer', () => {
    const json = JSON.stringify(identity.toJSON());
    expect(json).not.toMatch(/dev\/(token|otp)|dev-idp|chophien-local/);
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
