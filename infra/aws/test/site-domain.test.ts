/**
 * The platform with a custom brand domain (CHOPHIEN_SITE_DOMAIN + CHOPHIEN_SITE_CERTIFICATE_ARN,
 * decision 0303), synthesized without bundling: SITE_URL is plain env everywhere, nothing is
 * published or read by parameter, the distribution serves the domain with its certificate.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routes } from '@chophien/functions/routes';
import { type ScheduleDefinition, schedules } from '@chophien/functions/schedules';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlatform, type Platform } from '../src/platform.ts';
import { siteAddressFor } from '../src/site-address.ts';
import { handlersOf } from '../src/stacks/api.ts';
import { apiTemplate } from './support/api-template.ts';

const DOMAIN = 'truyxuat.chophien.vn';
const CERTIFICATE = 'arn:aws:acm:us-east-1:000000000000:certificate/11111111-2222-3333-4444-555555555555';
let platform: Platform;
let fakeBuild: string;

beforeAll(() => {
  fakeBuild = mkdtempSync(join(tmpdir(), 'site-domain-test-'));
  writeFileSync(join(fakeBuild, 'entry.mjs'), 'export const handler = async () => ({ statusCode: 200 });\n');
  platform = buildPlatform({
    // 'aws:cdk:bundling-stacks': [] skips esbuild; the site build is a stand-in folder.
    app: new App({ analyticsReporting: false, context: { 'aws:cdk:bundling-stacks': [] } }),
    stage: 'test',
    env: { account: '000000000000', region: 'ap-southeast-1' },
    siteAddress: siteAddressFor('test', {
      CHOPHIEN_SITE_DOMAIN: DOMAIN,
      CHOPHIEN_SITE_CERTIFICATE_ARN: CERTIFICATE,
    }),
    siteBuild: {
      serverEntry: join(fakeBuild, 'entry.mjs'),
      clientDir: fakeBuild,
      assetsDir: '_astro',
      staticEntries: [],
      sourceHash: 'test',
    },
  });
}, 300_000);

afterAll(() => rmSync(fakeBuild, { recursive: true, force: true }));

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const functionsOf = (template: Template) =>
  Object.values(template.toJSON()['Resources'] as Resources).filter(
    (r) => r.Type === 'AWS::Lambda::Function',
  );

describe('site address rules', () => {
  it('needs a us-east-1 certificate with a domain, and a real domain name', () => {
    expect(siteAddressFor('prod', {})).toEqual({
      kind: 'published',
      parameterName: '/chophien/prod/site-url',
    });
    expect(() => siteAddressFor('prod', { CHOPHIEN_SITE_DOMAIN: DOMAIN })).toThrow(/CERTIFICATE_ARN/);
    expect(() =>
      siteAddressFor('prod', {
        CHOPHIEN_SITE_DOMAIN: DOMAIN,
        CHOPHIEN_SITE_CERTIFICATE_ARN: CERTIFICATE.replace('us-east-1', 'ap-southeast-1'),
      }),
    ).toThrow(/us-east-1/);
    expect(() =>
      siteAddressFor('prod', {
        CHOPHIEN_SITE_DOMAIN: 'https://x.vn/',
        CHOPHIEN_SITE_CERTIFICATE_ARN: CERTIFICATE,
      }),
    ).toThrow(/not a domain/);
  });
});

describe('with a custom domain', () => {
  it('gives functions SITE_URL as plain env and no parameter, extension or SSM grant', () => {
    const api = apiTemplate(platform);
    // Alerts link back to the site too (capabilities.ts needsSiteUrl), from routes and schedules alike.
    const needsSite = (uses: readonly string[]) =>
      ['traceSigning', 'siteUrl', 'photos', 'photoUploads', 'alerts'].some((use) => uses.includes(use));
    const siteUsers = [
      ...[...handlersOf(routes).values()].filter(({ uses }) => needsSite([...uses])),
      ...schedules.filter((schedule) => needsSite((schedule as ScheduleDefinition).uses ?? [])),
    ];
    expect(siteUsers.length).toBeGreaterThan(0);
    const withSiteUrl = functionsOf(api).filter(
      (fn) => (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables['SITE_URL'],
    );
    expect(withSiteUrl).toHaveLength(siteUsers.length);
    for (const fn of functionsOf(api)) {
      const env = (fn.Properties['Environment'] as { Variables: Record<string, unknown> }).Variables;
      if (env['SITE_URL']) expect(env['SITE_URL']).toBe(`https://${DOMAIN}`);
      if (env['PHOTOS_BUCKET']) expect(env['PHOTOS_PUBLIC_URL']).toBe(`https://${DOMAIN}`);
      expect(Object.keys(env).filter((k) => k.endsWith('_PARAMETER'))).toEqual([]);
      // No Parameters and Secrets extension (the sharp layer of the images capability may be there).
      expect(JSON.stringify(fn.Properties['Layers'] ?? [])).not.toContain('Parameters-and-Secrets');
    }
    expect(JSON.stringify(api.toJSON())).not.toContain('ssm:GetParameter');
    const site = Template.fromStack(platform.site);
    site.resourceCountIs('AWS::SSM::Parameter', 0);
    site.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SITE_URL: `https://${DOMAIN}` }) },
    });
  });

  it('serves the domain with its certificate and TLS 1.2 (2021) at least', () => {
    Template.fromStack(platform.site).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [DOMAIN],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: CERTIFICATE,
          MinimumProtocolVersion: 'TLSv1.2_2021',
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });

  it('lets only the domain upload photos from a page (CORS)', () => {
    Template.fromStack(platform.data).hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: [`https://${DOMAIN}`] })] },
    });
  });

  it('names channel secrets per stage', () => {
    const api = JSON.stringify(apiTemplate(platform).toJSON());
    expect(api).toContain('chophien/bank-channels/test/');
    expect(api).not.toContain('chophien/bank-channels/prod/');
  });
});
