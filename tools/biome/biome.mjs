#!/usr/bin/env node
// Runs Biome from its per-platform binary package. The registry these machines use serves only the
// Linux builds, and `npm ci` refuses a lockfile missing the other platforms that @biomejs/biome lists
// (docs/decisions/0003-biome-binary.md), so the project depends on the Linux packages directly.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageName = `@biomejs/cli-${process.platform}-${process.arch}`;
let binary;
try {
  binary = join(dirname(require.resolve(`${packageName}/package.json`)), 'biome');
} catch {
  console.error(
    `Biome for ${process.platform}-${process.arch} is not installed (${packageName}); lint runs on Linux x64/arm64.`,
  );
  process.exit(2);
}
const result = spawnSync(binary, process.argv.slice(2), { stdio: 'inherit' });
process.exit(result.status ?? 1);
