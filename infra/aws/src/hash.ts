/** Content hashes of source trees: cache keys for the storefront build and the Lambda bundles. */
import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const IGNORED = new Set(['node_modules', 'dist', '.astro', 'test-results', 'cdk.out', '.sst']);

/** Feeds every file under `root` (sorted; ignoring build output and node_modules) into `hash`. */
export function hashTree(root: string, hash: Hash, base: string): void {
  if (!existsSync(root)) return;
  const stat = statSync(root);
  if (stat.isFile()) {
    hash.update(relative(base, root));
    hash.update(readFileSync(root).toString('base64'));
    return;
  }
  for (const name of readdirSync(root).sort()) {
    if (IGNORED.has(name)) continue;
    hashTree(join(root, name), hash, base);
  }
}

/** sha256 over the given paths (files or folders) under repoRoot, plus extra strings. */
export function hashPaths(repoRoot: string, paths: readonly string[], extra: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const value of extra) hash.update(value);
  for (const path of paths) hashTree(join(repoRoot, path), hash, repoRoot);
  return hash.digest('hex');
}

/** `packages/<name>/src` and `packages/<name>/package.json` of every workspace package. */
export function packageSources(repoRoot: string): string[] {
  const packages = join(repoRoot, 'packages');
  if (!existsSync(packages)) return [];
  return readdirSync(packages)
    .sort()
    .flatMap((name) => [join('packages', name, 'src'), join('packages', name, 'package.json')]);
}
