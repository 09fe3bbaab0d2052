/**
 * AWS infrastructure figures: how long the offline CDK synth takes (`npm run synth`, a child
 * process, wall time; cold and with bundles reused) and how large each
 * handler's Lambda bundle is (minified ESM, built with the very options CDK uses:
 * infra/aws/src/bundling.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handlerId, routes } from '@chophien/functions/routes';
import { build } from 'esbuild';
import { esbuildOptionsFor } from '../../infra/aws/src/bundling.ts';
import { findRepoRoot } from '../../infra/aws/src/paths.ts';
import type { BenchArea, Floor } from '../contract.ts';

const handlers = [...new Set(routes.map((r) => r.handler))];

/**
 * Regression guard on each handler bundle: 2.5 MB, a handler measures ~1.0 MB with one hoisted zod 4.
 * Two handlers carry a real library on purpose and get their own budget: photo confirm decodes and
 * resizes with jimp (pure JS, ~1.6 MB; the other photo routes stay without it) and the label sheet
 * draws PDFs with pdf-lib + fontkit (its font ships beside the bundle, not in it).
 */
const bundleBudgetKb: Record<string, number> = {
  'marketplace/confirm-photo-upload': 3072,
  'trace/lot-labels': 3072,
  // The sales book writes XLSX (exceljs) and PDF (pdf-lib + fontkit) from one handler (decision 1000).
  'books/sales-book': 4096,
};
const bundleFloors: Record<string, Floor> = Object.fromEntries(
  handlers.map((h) => [
    `lambda.bundleKb.${handlerId(h)}`,
    { op: '<=', value: bundleBudgetKb[h] ?? 2560 } as const,
  ]),
);

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
    ...bundleFloors,
  },
  async run(ctx) {
    const repoRoot = findRepoRoot();
    const results: Record<string, number> = {};
    const out = mkdtempSync(join(tmpdir(), 'chophien-bench-bundle-'));
    try {
      for (const handler of handlers) {
        const id = handlerId(handler);
        const outdir = join(out, id);
        await build({
          ...esbuildOptionsFor(join(repoRoot, 'functions', `${handler}.ts`), outdir),
          logLevel: 'error',
        });
        const kb = statSync(join(outdir, 'index.mjs')).size / 1024;
        results[`lambda.bundleKb.${id}`] = Math.round(kb * 10) / 10;
        ctx.log(`bundle ${id}: ${results[`lambda.bundleKb.${id}`]} KB`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
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
