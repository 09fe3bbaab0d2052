/**
 * The storefront's AWS build: `ASTRO_ADAPTER=aws astro build` (astro-sst adapter) into
 * infra/aws/dist/site, run on demand when missing or when the site or the packages it imports
 * changed (content hash in a stamp file). `dist/` is git-ignored.
 * Layout (astro-sst 3.1.4): server/entry.mjs exports `handler`; client/ holds static files, with
 * hashed assets under client/_astro; sst.buildMeta.json names both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hashPaths, packageSources } from './hash.ts';

export interface SiteBuild {
  /** Absolute path of the server handler module (exports `handler`). */
  readonly serverEntry: string;
  /** Absolute path of the static files uploaded to S3. */
  readonly clientDir: string;
  /** Sub-folder of clientDir with content-hashed assets (long cache). */
  readonly assetsDir: string;
  /** Top-level names in clientDir (files and folders) served from S3 instead of SSR. */
  readonly staticEntries: readonly string[];
  /** Content hash of the sources this build came from. */
  readonly sourceHash: string;
}

interface BuildMeta {
  readonly serverBuildOutputFile: string;
  readonly clientBuildOutputDir: string;
  readonly clientBuildVersionedSubDir: string;
}

/** Hash of everything the storefront build reads from the checkout. */
export function siteSourceHash(repoRoot: string): string {
  return hashPaths(
    repoRoot,
    ['site', ...packageSources(repoRoot), 'package-lock.json'],
    ['astro-sst build v1'],
  );
}

export function siteOutDir(repoRoot: string): string {
  return join(repoRoot, 'infra', 'aws', 'dist', 'site');
}

/** Builds the storefront for Lambda when needed and returns where its parts are. */
export function ensureSiteBuild(repoRoot: string, log: (line: string) => void = () => {}): SiteBuild {
  const outDir = siteOutDir(repoRoot);
  const stamp = join(outDir, '.source-hash');
  const metaFile = join(outDir, 'sst.buildMeta.json');
  const sourceHash = siteSourceHash(repoRoot);
  const fresh =
    existsSync(metaFile) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === sourceHash;
  if (!fresh) {
    log(`building the storefront for AWS (astro-sst) into ${relative(repoRoot, outDir)}`);
    mkdirSync(outDir, { recursive: true });
    const siteDir = join(repoRoot, 'site');
    const result = spawnSync(
      process.execPath,
      [join(repoRoot, 'node_modules', 'astro', 'astro.js'), 'build', '--root', siteDir, '--outDir', outDir],
      {
        cwd: siteDir,
        env: { ...process.env, ASTRO_ADAPTER: 'aws', ASTRO_TELEMETRY_DISABLED: '1' },
        // Keep stdout clean for whoever runs us (cdk reads nothing from it, but tests might).
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (result.status !== 0) {
      throw new Error(
        `storefront build failed (ASTRO_ADAPTER=aws astro build, exit ${result.status}):\n${result.stdout}\n${result.stderr}`,
      );
    }
    writeFileSync(stamp, `${sourceHash}\n`);
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as BuildMeta;
  const clientDir = join(repoRoot, 'site', meta.clientBuildOutputDir);
  return {
    serverEntry: join(repoRoot, 'site', meta.serverBuildOutputFile),
    clientDir,
    assetsDir: meta.clientBuildVersionedSubDir,
    staticEntries: existsSync(clientDir) ? readdirSync(clientDir).sort() : [],
    sourceHash,
  };
}
