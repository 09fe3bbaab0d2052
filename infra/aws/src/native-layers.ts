/**
 * Lambda layers for the native modules handlers never bundle (bundling.ts `nativeModules`). sharp's
 * libvips is a prebuilt binary per platform; Lambda runs linux-arm64 (glibc), which a developer's
 * x64 machine does not install, so the layer is installed from the npm registry for that platform,
 * at the exact version the lockfile pins, once per version into infra/aws/dist/layers (git-ignored).
 * At run time the handler `require`s it through NODE_PATH (/opt/nodejs/node_modules). Decision 0321.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AssetHashType, DockerImage, Stack } from 'aws-cdk-lib';
import { Code, type ILayerVersion, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { lambdaArchitecture, lambdaRuntime } from './bundling.ts';

/** The version of a package the lockfile resolved (the one the tests ran against). */
export function lockedVersion(repoRoot: string, name: string): string {
  const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/** `<cache>/nodejs/node_modules/sharp…` for linux-arm64, installed on first use. */
function sharpLayerDir(repoRoot: string, version: string): string {
  const dir = join(repoRoot, 'infra', 'aws', 'dist', 'layers', `sharp-${version}-linux-arm64`);
  if (existsSync(join(dir, 'nodejs', 'node_modules', '@img', 'sharp-linux-arm64'))) return dir;
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(join(building, 'nodejs'), { recursive: true });
  writeFileSync(join(building, 'nodejs', 'package.json'), '{ "private": true }\n');
  execFileSync(
    'npm',
    [
      'install',
      `sharp@${version}`,
      '--os=linux',
      '--cpu=arm64',
      '--libc=glibc',
      '--omit=dev',
      '--ignore-scripts',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
    ],
    { cwd: join(building, 'nodejs'), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  rmSync(join(building, 'nodejs', 'package.json'));
  rmSync(dir, { recursive: true, force: true });
  renameSync(building, dir);
  return dir;
}

/** The sharp layer, one per stack, shared by every function that uses the `images` capability. */
export function sharpLayer(scope: Construct, repoRoot: string): ILayerVersion {
  const stack = Stack.of(scope);
  const id = 'SharpLayer';
  const existing = stack.node.tryFindChild(id) as ILayerVersion | undefined;
  if (existing) return existing;
  const version = lockedVersion(repoRoot, 'sharp');
  return new LayerVersion(stack, id, {
    description: `sharp ${version} with libvips for linux-arm64 (photo decoding and resizing)`,
    compatibleRuntimes: [lambdaRuntime],
    compatibleArchitectures: [lambdaArchitecture],
    code: Code.fromAsset(join(repoRoot, 'infra', 'aws'), {
      assetHash: `sharp-${version}-linux-arm64-glibc`,
      assetHashType: AssetHashType.CUSTOM,
      bundling: {
        // Never used: local bundling always succeeds or throws (no Docker on these machines).
        image: DockerImage.fromRegistry('chophien-local-bundling-only'),
        local: {
          tryBundle(outputDir: string) {
            cpSync(sharpLayerDir(repoRoot, version), outputDir, { recursive: true });
            return true;
          },
        },
      },
    }),
  });
}
