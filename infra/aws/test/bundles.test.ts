/**
 * The Lambda bundles as synthesized into infra/aws/cdk.out (reused from `npm run synth` or
 * test/platform.test.ts when unchanged): the cold-start size rule holds for every function built from
 * functions/, lazy chunks really are apart, and sharp travels in its layer, not in a bundle.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnFunction, CfnLayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { beforeAll, describe, expect, it } from 'vitest';
import { assetCodeBytes, bundleHandler, bundleInputsFile, handlerBundleLimits } from '../src/bundling.ts';
import { findRepoRoot } from '../src/paths.ts';
import { buildPlatform, type Platform } from '../src/platform.ts';
import { siteAddressFor } from '../src/site-address.ts';

const repoRoot = findRepoRoot();
const outdir = join(repoRoot, 'infra', 'aws', 'cdk.out');
let platform: Platform;

beforeAll(() => {
  platform = buildPlatform({
    app: new App({ outdir, analyticsReporting: false }),
    stage: 'prod',
    siteAddress: siteAddressFor('prod', {}),
  });
}, 900_000);

function assetDirOf(stack: Stack, fn: NodejsFunction): string {
  const code = (fn.node.defaultChild as CfnFunction).code as { s3Key?: string };
  return join(outdir, `asset.${(stack.resolve(code.s3Key) as string).replace(/\.zip$/, '')}`);
}

/** Every function whose code is a handler of functions/: API routes, schedules, the till, the Cognito trigger. */
const handlerFunctions = (): Array<[string, Stack, NodejsFunction]> => [
  ...[...platform.apiFunctions].map(([handler, fn]): [string, Stack, NodejsFunction] => [
    handler,
    Stack.of(fn),
    fn,
  ]),
  ...[...platform.api.api.scheduledFunctions].map(([id, fn]): [string, Stack, NodejsFunction] => [
    id,
    platform.api,
    fn,
  ]),
  ['till connect', platform.till, platform.till.till.connectFunction],
  ['till disconnect', platform.till, platform.till.till.disconnectFunction],
  ['till push', platform.till, platform.till.till.pushFunction],
  ['post-confirmation', platform.identity, platform.identity.identity.postConfirmation],
];

describe('handler bundles in cdk.out', () => {
  it(`each loads at most ${handlerBundleLimits.initKb} KB of JavaScript at cold start`, () => {
    const functions = handlerFunctions();
    expect(functions.length).toBeGreaterThan(50);
    for (const [name, stack, fn] of functions) {
      const { initBytes } = assetCodeBytes(assetDirOf(stack, fn));
      expect(initBytes / 1024, name).toBeLessThanOrEqual(handlerBundleLimits.initKb);
      expect(initBytes / 1024, name).toBeGreaterThan(50); // measured the real entry, not an empty stub
    }
  });

  it('the label PDF (pdf-lib, fontkit) is a lazy chunk with its font beside it, not part of the cold start', () => {
    const labels = platform.apiFunctions.get('trace/lot-labels')!;
    const dir = assetDirOf(Stack.of(labels), labels);
    const { initBytes, lazyBytes } = assetCodeBytes(dir);
    expect(lazyBytes).toBeGreaterThan(1024 * 1024);
    expect(initBytes).toBeLessThan(lazyBytes);
    expect(readdirSync(dir).some((file) => /^DejaVuSans-\w+\.ttf$/.test(file))).toBe(true);
    const index = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(index).not.toContain('PDFDocument');
  });

  it('no bundle carries zod locales or an image library; none loads qrcode PNG rendering at cold start', () => {
    const sourcesOf = (mapFile: string) =>
      (JSON.parse(readFileSync(mapFile, 'utf8')) as { sources: string[] }).sources;
    for (const [name, stack, fn] of handlerFunctions()) {
      const dir = assetDirOf(stack, fn);
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs.map'))) {
        const offending = sourcesOf(join(dir, file)).filter((source) =>
          /zod\/v4\/locales\/(?!en\.js)|node_modules\/(jimp|@jimp|sharp)\//.test(source),
        );
        expect(offending, `${name} ${file}`).toEqual([]);
      }
      for (const file of assetCodeBytes(dir).initFiles) {
        const png = sourcesOf(`${file}.map`).filter((source) => /node_modules\/pngjs\//.test(source));
        expect(png, `${name} ${file}`).toEqual([]);
      }
    }
  });
});

describe('the size rule at synth', () => {
  it('fails a handler over the limit and names the heaviest packages', () => {
    const dir = mkdtempSync(join(repoRoot, 'functions', '.size-rule-'));
    try {
      const entry = join(dir, 'heavy.ts');
      writeFileSync(entry, "import { z } from 'zod';\nexport const handler = () => z.locales;\n");
      expect(() => bundleHandler(repoRoot, entry, join(dir, 'out'), { initKb: 100 })).toThrow(
        /loads \d+(\.\d)? KB at cold start \(limit 100 KB\): zod \d+/,
      );
      expect(bundleHandler(repoRoot, entry, join(dir, 'out'), { initKb: 1000 }).initBytes).toBeGreaterThan(
        300 * 1024,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(bundleInputsFile(repoRoot, join(dir, 'heavy.ts')), { force: true });
    }
  });
});

describe('sharp: a layer for linux-arm64, never bundled', () => {
  it('only the images capability (photo confirm) and the storefront server carry the layer', () => {
    const layersOf = (stack: Stack, fn: NodejsFunction) =>
      JSON.stringify(stack.resolve((fn.node.defaultChild as CfnFunction).layers) ?? []);
    const layered = handlerFunctions()
      .filter(([, stack, fn]) => layersOf(stack, fn).includes('SharpLayer'))
      .map(([name]) => name);
    expect(layered).toEqual(['marketplace/confirm-photo-upload']);
    expect(layersOf(platform.site, platform.site.site.server)).toContain('SharpLayer');
  });

  it('holds sharp and libvips for linux-arm64 at the lockfile version under nodejs/node_modules', () => {
    const stack = Stack.of(platform.apiFunctions.get('marketplace/confirm-photo-upload')!);
    const layer = stack.node.findChild('SharpLayer').node.defaultChild as CfnLayerVersion;
    const { s3Key } = stack.resolve(layer.content) as { s3Key: string };
    const modules = join(outdir, `asset.${s3Key.replace(/\.zip$/, '')}`, 'nodejs', 'node_modules');
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version: string }>;
    };
    const sharp = JSON.parse(readFileSync(join(modules, 'sharp', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(sharp.version).toBe(lock.packages['node_modules/sharp']!.version);
    const binary = JSON.parse(
      readFileSync(join(modules, '@img', 'sharp-linux-arm64', 'package.json'), 'utf8'),
    ) as {
      cpu: string[];
      os: string[];
    };
    expect(binary).toMatchObject({ cpu: ['arm64'], os: ['linux'] });
    expect(existsSync(join(modules, '@img', 'sharp-libvips-linux-arm64'))).toBe(true);
    expect(existsSync(join(modules, '@img', 'sharp-linux-x64'))).toBe(false);
  });
});
