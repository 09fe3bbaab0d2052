/**
 * The assembly the harness runs: the CDK app synthesized exactly as `npm run synth` does (same
 * entry, same output folder, so unchanged bundles are reused from `cdk.out`), in this process.
 */
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { findRepoRoot } from '../src/paths.ts';
import { buildPlatform } from '../src/platform.ts';
import { siteAddressFor } from '../src/site-address.ts';

export async function synthesizeForHarness(stage = 'prod'): Promise<string> {
  const outdir = join(findRepoRoot(), 'infra', 'aws', 'cdk.out');
  const { app } = buildPlatform({
    app: new App({ outdir, analyticsReporting: false }),
    stage,
    // No custom domain: the published-parameter path is the one with the most moving parts.
    siteAddress: siteAddressFor(stage, {}),
  });
  app.synth();
  return outdir;
}
