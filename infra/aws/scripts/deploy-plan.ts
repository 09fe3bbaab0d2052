/**
 * What `npm run deploy` will do, decided from the operator's environment before any AWS call: the
 * stage, the region, the storefront's address, and the CDK command. Bad input stops here with a
 * sentence saying what to set (docs/deploy.md lists what an operator prepares).
 */
import { DEFAULT_REGION } from '../src/region.ts';
import { type SiteAddress, siteAddressFor } from '../src/site-address.ts';

export interface DeployPlan {
  readonly stage: string;
  readonly region: string;
  readonly siteAddress: SiteAddress;
  readonly outputsFile: string;
  /** Arguments of `npx cdk` (run in infra/aws). */
  readonly cdkArgs: readonly string[];
}

const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

export function deployPlan(
  env: Readonly<Record<string, string | undefined>>,
  extraArgs: readonly string[] = [],
): DeployPlan {
  const stage = env['CHOPHIEN_STAGE'] ?? 'prod';
  if (!STAGE.test(stage)) {
    throw new Error(
      `CHOPHIEN_STAGE "${stage}": lower-case letters, digits and dashes, starting with a letter, at most 20`,
    );
  }
  const region = env['CHOPHIEN_AWS_REGION'] ?? DEFAULT_REGION;
  if (!REGION.test(region)) throw new Error(`CHOPHIEN_AWS_REGION "${region}" is not an AWS region name`);
  const siteAddress = siteAddressFor(stage, env);
  const outputsFile = `cdk-outputs.${stage}.json`;
  return {
    stage,
    region,
    siteAddress,
    outputsFile,
    // Broadened permissions (new IAM grants, security groups) need a person's yes; the rest goes ahead.
    cdkArgs: [
      'cdk',
      'deploy',
      '--all',
      '--require-approval',
      'broadening',
      '--outputs-file',
      outputsFile,
      ...extraArgs,
    ],
  };
}

/** The smoke command for the deployed outputs (`SiteUrl` of the site stack, `ApiUrl` of the API). */
/** The stage's table, from the deploy outputs: the data migrations run against it right after a deploy. */
export function tableNameOf(outputs: Record<string, Record<string, string>>): string | undefined {
  return Object.values(outputs)
    .flatMap((stack) => Object.entries(stack))
    .find(([name]) => name.includes('TableName'))?.[1];
}

export function smokeCommand(outputs: Record<string, Record<string, string>>): string | undefined {
  const find = (key: string) =>
    Object.values(outputs)
      .flatMap((stack) => Object.entries(stack))
      .find(([name]) => name.includes(key))?.[1];
  const site = find('SiteUrl');
  const api = find('ApiUrl');
  if (!site) return undefined;
  return `npm run smoke -- --url ${site}${api ? ` --api ${api}` : ''}`;
}
