/**
 * How Lambda code is bundled. Handlers (src/stacks/api.ts via `handlerCode`) are built here with
 * esbuild's JS API, code splitting on, and must fit `handlerBundleLimits` or synth fails; the
 * benchmark (bench/areas/lambda.ts) measures the very assets in cdk.out. The storefront server
 * (src/stacks/site.ts) keeps NodejsFunction with `lambdaBundling`. Why the SDK is bundled, why
 * splitting, and the limits: docs/decisions/0320-lean-lambda-bundles.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, LogLevel, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';
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
  // Bundle the AWS SDK: tree-shaken and in one file it starts 2.4× faster than the runtime's copy
  // (decision 0320), and it is the version the tests ran against.
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

/** The kept input list (esbuild metafile) of a handler's last bundle. */
export const bundleInputsFile = (repoRoot: string, entry: string) =>
  join(bundleInputsDir(repoRoot), `${relative(repoRoot, entry).replace(/[^A-Za-z0-9]+/g, '_')}.json`);

/**
 * Asset hash of a handler bundle, known before bundling, so CDK skips esbuild when
 * `cdk.out/asset.<hash>` already exists. It covers these options, the lockfile, the entry and the
 * content of every file the handler's previous bundle read (esbuild metafile); before any bundle
 * exists, every source a handler can import (functions/, packages/*\/src). Editing one area's code
 * rebundles only the handlers that import it. Both entry points compute the same hashes.
 */
export function handlerAssetHash(repoRoot: string, entry: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(handlerBuildOptions(entry, 'out')))
    .update(JSON.stringify(handlerBundleLimits))
    .update(readFileSync(join(repoRoot, 'package-lock.json')).toString('base64'))
    .update(relative(repoRoot, entry));
  const metaFile = bundleInputsFile(repoRoot, entry);
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

/**
 * Native modules a handler may import but never bundles: they come from a Lambda layer built for
 * linux-arm64 (src/native-layers.ts), required through NODE_PATH (/opt/nodejs/node_modules).
 */
export const nativeModules = ['sharp'] as const;

/**
 * What a handler may load at cold start: its entry file plus every chunk it imports statically.
 * Chunks reached only through `await import()` load when first needed and are measured apart.
 * Every handler carries a floor of ~380 KB (the AWS SDK's DynamoDB client and its core ~215 KB,
 * zod 4 ~90 KB, token checks, logger, middy); the limit leaves each handler ~100 KB of its own.
 * It catches what bloated the bundles before: zod's locales (+260 KB), a whole S3 or QR/PNG library
 * through a barrel import (+56 to +110 KB), an image library (+1.5 MB). Decision 0320.
 */
export const handlerBundleLimits = { initKb: 480 } as const;

/** The esbuild options of every handler bundle (CDK's assets, the benchmark, the artifact harness). */
export function handlerBuildOptions(entry: string, outdir: string): BuildOptions {
  return {
    entryPoints: { index: entry },
    bundle: true,
    platform: 'node',
    target: lambdaBundling.target,
    format: 'esm',
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    mainFields: [...lambdaBundling.mainFields],
    banner: { js: lambdaBundling.banner },
    // Each `await import()` becomes its own chunk, loaded when first reached: the label PDF's
    // pdf-lib and fonts, the SDK's unused credential providers, Secrets Manager until a secret is read.
    splitting: true,
    outdir,
    outExtension: { '.js': '.mjs' },
    // Chunks and assets (the label font) sit beside index.mjs, so a path an asset import yields is
    // right from any chunk (packages/core/src/trace/label-font.ts resolves it against import.meta.url).
    chunkNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    external: [...nativeModules],
    loader: { ...lambdaBundling.loader },
    metafile: true,
    logLevel: 'warning',
  };
}

export interface HandlerBundle {
  /** Entry plus statically imported chunks: the JavaScript a cold start parses. */
  readonly initBytes: number;
  /** Chunks reached only through `await import()`. */
  readonly lazyBytes: number;
  /** Other files shipped (fonts); source maps not counted. */
  readonly assetBytes: number;
  /** Native modules the bundle requires from a layer. */
  readonly natives: readonly string[];
  /** Output paths (as in the metafile) loaded at cold start. */
  readonly initOutputs: readonly string[];
}

/** Splits a build's outputs into what loads at cold start and what loads later. */
export function measureBundle(metafile: Metafile, outdir: string): HandlerBundle {
  const outputs = Object.entries(metafile.outputs).filter(([path]) => !path.endsWith('.map'));
  const entry = outputs.find(([path]) => relative(outdir, path) === 'index.mjs');
  if (!entry) throw new Error(`no index.mjs among the outputs in ${outdir}`);
  const atInit = new Set([entry[0]]);
  const queue = [entry[0]];
  const natives = new Set<string>();
  while (queue.length > 0) {
    for (const imported of metafile.outputs[queue.shift()!]!.imports) {
      if (imported.external) {
        if ((nativeModules as readonly string[]).includes(imported.path)) natives.add(imported.path);
      } else if (imported.kind === 'import-statement' && !atInit.has(imported.path)) {
        atInit.add(imported.path);
        queue.push(imported.path);
      }
    }
  }
  let initBytes = 0;
  let lazyBytes = 0;
  let assetBytes = 0;
  for (const [path, output] of outputs) {
    if (atInit.has(path)) initBytes += output.bytes;
    else if (path.endsWith('.mjs')) {
      lazyBytes += output.bytes;
      for (const imported of output.imports) {
        if (imported.external && (nativeModules as readonly string[]).includes(imported.path))
          natives.add(imported.path);
      }
    } else assetBytes += output.bytes;
  }
  return { initBytes, lazyBytes, assetBytes, natives: [...natives].sort(), initOutputs: [...atInit] };
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** The largest packages in what loads at cold start, for the message when a handler is over its limit. */
export function heaviestInputs(metafile: Metafile, bundle: HandlerBundle): string {
  const byPackage = new Map<string, number>();
  for (const output of bundle.initOutputs) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[output]!.inputs)) {
      const name =
        /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input.split('/').slice(0, 2).join('/');
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, bytes]) => `${name} ${kb(bytes)} KB`)
    .join(', ');
}

/**
 * Bundles one handler into `outdir` and enforces the size rule for every handler, present and
 * future: over `handlerBundleLimits.initKb` at cold start, the build fails and names the heaviest
 * packages (move them behind `await import()` or fix the import that pulls them in).
 */
export function bundleHandler(
  repoRoot: string,
  entry: string,
  outdir: string,
  limits: { initKb: number } = handlerBundleLimits,
): HandlerBundle {
  const result = buildSync({ ...handlerBuildOptions(entry, outdir), absWorkingDir: repoRoot });
  const metafile = result.metafile!;
  mkdirSync(bundleInputsDir(repoRoot), { recursive: true });
  writeFileSync(bundleInputsFile(repoRoot, entry), JSON.stringify(metafile));
  const bundle = measureBundle(metafile, relative(repoRoot, outdir) || '.');
  if (kb(bundle.initBytes) > limits.initKb) {
    throw new Error(
      `${relative(repoRoot, entry)} loads ${kb(bundle.initBytes)} KB at cold start (limit ${limits.initKb} KB): ${heaviestInputs(metafile, bundle)}`,
    );
  }
  return bundle;
}

/** Static `import … from "./x.mjs"` / `import "./x.mjs"` in esbuild's output (not `import("./x.mjs")`). */
const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.\.?\/[^"']+\.mjs)["']/g;

/**
 * The same split read from a built asset folder (cdk.out), without its metafile: JavaScript an entry
 * loads at cold start (itself and its static imports) and the rest of the folder's JavaScript.
 */
export function assetCodeBytes(
  dir: string,
  entryFile = 'index.mjs',
): { initBytes: number; lazyBytes: number; initFiles: string[] } {
  const atInit = new Set<string>();
  const queue = [join(dir, entryFile)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (atInit.has(file)) continue;
    atInit.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      queue.push(resolve(dirname(file), match[1]!));
    }
  }
  let initBytes = 0;
  let lazyBytes = 0;
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.mjs'))) {
    const path = join(dir, name);
    if (atInit.has(path)) initBytes += statSync(path).size;
    else lazyBytes += statSync(path).size;
  }
  return { initBytes, lazyBytes, initFiles: [...atInit] };
}

/** A handler's Lambda code: bundled locally by `bundleHandler`, cached in cdk.out by its asset hash. */
export function handlerCode(repoRoot: string, entry: string): Code {
  return Code.fromAsset(repoRoot, {
    assetHash: handlerAssetHash(repoRoot, entry),
    assetHashType: AssetHashType.CUSTOM,
    bundling: {
      // Never used: local bundling always succeeds or throws (no Docker on these machines).
      image: DockerImage.fromRegistry('chophien-local-bundling-only'),
      local: {
        tryBundle(outputDir: string) {
          bundleHandler(repoRoot, entry, outputDir);
          return true;
        },
      },
    },
  });
}
