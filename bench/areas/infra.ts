/**
 * AWS infrastructure figures: how long the CDK synth takes (`npm run synth`, a child process, wall
 * time; cold and with bundles reused). Each handler's bundle is measured in cdk.out by the lambda area
 * (bench/areas/lambda.ts); the bundle size rule itself runs at synth (infra/aws/src/bundling.ts).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot } from '../../infra/aws/src/paths.ts';
import type { BenchArea } from '../contract.ts';

function wallSeconds(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr.slice(-4000)}`));
      else resolve((performance.now() - start) / 1000);
    });
  });
}

export const area: BenchArea = {
  name: 'infra',
  floors: {
    'synth.seconds': { op: '<=', value: 180 },
    'synth.warmSeconds': { op: '<=', value: 60 },
  },
  async run(ctx) {
    const repoRoot = findRepoRoot();
    const results: Record<string, number> = {};
    // Cold: no earlier bundles in cdk.out, so esbuild runs for every handler (the storefront build
    // in infra/aws/dist/site stays cached when the site is unchanged). Warm: the same again, with
    // every bundle's asset hash unchanged, so CDK reuses them.
    rmSync(join(repoRoot, 'infra', 'aws', 'cdk.out'), { recursive: true, force: true });
    const cold = await wallSeconds('npm', ['run', 'synth'], repoRoot);
    results['synth.seconds'] = Math.round(cold * 10) / 10;
    ctx.log(`npm run synth (cold bundles): ${results['synth.seconds']} s`);
    const warm = await wallSeconds('npm', ['run', 'synth'], repoRoot);
    results['synth.warmSeconds'] = Math.round(warm * 10) / 10;
    ctx.log(`npm run synth (bundles reused): ${results['synth.warmSeconds']} s`);
    return results;
  },
};
