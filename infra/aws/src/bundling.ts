/**
 * The one set of Lambda bundling options. CDK's NodejsFunction (src/stacks/api.ts, site.ts) and the
 * benchmark (bench/areas/infra.ts, which measures bundle sizes with esbuild's JS API) both read it,
 * so the measured bundle is the deployed bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';
import { hashPaths, packageSources } from './hash.ts';

export const lambdaRuntime = Runtime.NODEJS_22_X;
export const lambdaArchitecture = Architecture.ARM_64;

/** ESM code that still calls `require` (CJS dependencies bundled in) needs a real `require`. */
const esmRequireShim =
  "import { createRequire as __chophienCreateRequire } from 'node:module';" +
  'const require = __chophienCreateRequire(import.meta.url);';

export const lambdaBundling = {
  format: OutputFormat.ESM,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Prefer packages' ESM builds; fall back to CJS.
  mainFields: ['module', 'main'],
  banner: esmRequireShim,
  // Bundle the AWS SDK: the handlers are tested against the pinned @aws-sdk version in the
  // lockfile, not whatever version the nodejs22.x runtime happens to ship this month.
  bundleAwsSDK: true,
  externalModules: [],
  // The label PDF's font (packages/core/src/trace/label-font.ts) is copied beside the bundle, not inlined.
  loader: { '.ttf': 'file' },
  // Never fall back to Docker: the locally installed esbuild bundles (NodejsFunction detects it).
  forceDockerBundling: false,
  logLevel: LogLevel.WARNING,
} as const satisfies BundlingOptions;

const sourceHashes = new Map<string, string>();

function allSourcesHash(repoRoot: string): string {
  let hash = sourceHashes.get(repoRoot);
  if (!hash) {
    hash = hashPaths(repoRoot, ['functions', ...packageSources(repoRoot)]);
    sourceHashes.set(repoRoot, hash);
  }
  return hash;
}

/** Where the input list (esbuild metafile) of each handler's last bundle is kept (git-ignored). */
export function bundleInputsDir(repoRoot: string): string {
  return join(repoRoot, 'infra', 'aws', 'dist', 'bundle-inputs');
}

const entryKey = (repoRoot: string, entry: string) =>
  relative(repoRoot, entry).replace(/[^A-Za-z0-9]+/g, '_');

/**
 * Asset hash of a handler bundle, known before bundling, so CDK skips esbuild when
 * `cdk.out/asset.<hash>` already exists. It covers these options, the lockfile, the entry and the
 * content of every file the handler's previous bundle read (esbuild metafile); before any bundle
 * exists, every source a handler can import (functions/, packages/*\/src). Editing one area's code
 * rebundles only the handlers that import it. Both entry points compute the same hashes.
 */
export function handlerAssetHash(repoRoot: string, entry: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(lambdaBundling))
    .update(readFileSync(join(repoRoot, 'package-lock.json')).toString('base64'))
    .update(relative(repoRoot, entry));
  const metaFile = join(bundleInputsDir(repoRoot), `${entryKey(repoRoot, entry)}.json`);
  let inputs: string[] | undefined;
  if (existsSync(metaFile)) {
    try {
      inputs = Object.keys((JSON.parse(readFileSync(metaFile, 'utf8')) as { inputs: object }).inputs).sort();
    } catch {
      inputs = undefined;
    }
  }
  if (!inputs) return hash.update(`all:${allSourcesHash(repoRoot)}`).digest('hex');
  for (const input of inputs) {
    const path = join(repoRoot, input);
    hash.update(input);
    hash.update(existsSync(path) ? readFileSync(path).toString('base64') : 'missing');
  }
  return hash.digest('hex');
}

/** NodejsFunction bundling for a handler: the shared options, its asset hash, its input list kept. */
export function handlerBundling(repoRoot: string, entry: string): BundlingOptions {
  const metaFile = join(bundleInputsDir(repoRoot), `${entryKey(repoRoot, entry)}.json`);
  return {
    ...lambdaBundling,
    assetHash: handlerAssetHash(repoRoot, entry),
    metafile: true,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      // Move the metafile out of the deployed asset into the input-list cache.
      afterBundling: (_input: string, output: string) => [
        `mkdir -p "${bundleInputsDir(repoRoot)}"`,
        `mv "${join(output, 'index.meta.json')}" "${metaFile}"`,
      ],
    },
  };
}

/** The same bundle through esbuild's JS API (what `esbuild --bundle …` in CDK's command does). */
export function esbuildOptionsFor(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: lambdaBundling.target,
    format: 'esm',
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    mainFields: [...lambdaBundling.mainFields],
    banner: { js: lambdaBundling.banner },
    external: [...lambdaBundling.externalModules],
    loader: { ...lambdaBundling.loader },
    outfile: join(outdir, 'index.mjs'),
    logLevel: 'warning',
    metafile: true,
  };
}
