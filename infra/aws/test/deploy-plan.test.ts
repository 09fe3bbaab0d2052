import { describe, expect, it } from 'vitest';
import { deployPlan, smokeCommand, tableNameOf } from '../scripts/deploy-plan.ts';

describe('npm run deploy: the plan from the operator’s settings', () => {
  it('deploys every stack of the stage, asking a person before broadened permissions', () => {
    const plan = deployPlan({ CHOPHIEN_STAGE: 'thainguyen' }, ['--profile', 'tn']);
    expect(plan).toMatchObject({
      stage: 'thainguyen',
      region: 'ap-southeast-1',
      outputsFile: 'cdk-outputs.thainguyen.json',
    });
    expect(plan.siteAddress).toEqual({ kind: 'published', parameterName: '/chophien/thainguyen/site-url' });
    expect(plan.cdkArgs).toEqual([
      'cdk',
      'deploy',
      '--all',
      '--require-approval',
      'broadening',
      '--outputs-file',
      'cdk-outputs.thainguyen.json',
      '--profile',
      'tn',
    ]);
  });

  it('refuses a bad stage, region, or a domain without its us-east-1 certificate', () => {
    expect(() => deployPlan({ CHOPHIEN_STAGE: 'Prod 1' })).toThrow(/CHOPHIEN_STAGE/);
    expect(() => deployPlan({ CHOPHIEN_AWS_REGION: 'singapore' })).toThrow(/CHOPHIEN_AWS_REGION/);
    expect(() => deployPlan({ CHOPHIEN_SITE_DOMAIN: 'chophien.vn' })).toThrow(/us-east-1/);
    expect(
      deployPlan({
        CHOPHIEN_SITE_DOMAIN: 'chophien.vn',
        CHOPHIEN_SITE_CERTIFICATE_ARN: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      }).siteAddress,
    ).toMatchObject({ kind: 'domain', url: 'https://chophien.vn' });
  });

  it('prints the smoke command from the deployed outputs', () => {
    expect(
      smokeCommand({
        'chophien-prod-site': { SiteSiteUrl0E8D4A9C: 'https://d1.cloudfront.net' },
        'chophien-prod-api': { ApiApiUrl4E0F1C8B: 'https://abc.execute-api.ap-southeast-1.amazonaws.com' },
      }),
    ).toBe(
      'npm run smoke -- --url https://d1.cloudfront.net --api https://abc.execute-api.ap-southeast-1.amazonaws.com',
    );
  });

  it('names the table the data migrations run against after the deploy', () => {
    const outputs = {
      'chophien-prod-data': {
        AlarmTopicArn: 'arn:aws:sns:x',
        DataTableName1A2B3C4D: 'chophien-prod-DataTable-XYZ',
      },
      'chophien-prod-site': { SiteSiteUrl0E8D4A9C: 'https://d1.cloudfront.net' },
    };
    expect(tableNameOf(outputs)).toBe('chophien-prod-DataTable-XYZ');
    expect(tableNameOf({ 'chophien-prod-site': { SiteSiteUrl0E8D4A9C: 'https://d1.cloudfront.net' } })).toBe(
      undefined,
    );
  });
});
