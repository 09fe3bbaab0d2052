/**
 * The one set of Lambda bundling options. CDK's NodejsFunction (src/stacks/api.ts, site.ts) and the
 * benchmark (bench/areas/infra.ts, which measures bundle sizes with esbuild's JS API) both read it,
 * so the measured bundle is the deployed bundle.
 */
import { join } from 'node:path';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

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
  // Never fall back to Docker: the locally installed esbuild bundles (NodejsFunction detects it).
  forceDockerBundling: false,
  logLevel: LogLevel.WARNING,
} as const satisfies BundlingOptions;

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
    outfile: join(outdir, 'index.mjs'),
    logLevel: 'warning',
    metafile: true,
  };
}
