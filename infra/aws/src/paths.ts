import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The repository root, found by walking up from the working directory to the folder holding
 * `functions/routes.ts`. Not derived from `import.meta.url`: SST v2 bundles `sst.config.ts`
 * (and these modules with it) into a temporary file, so module-relative paths would lie.
 * Both entry points run from inside the checkout (`cdk synth` in infra/aws, `sst build` at the root).
 */
export function findRepoRoot(start: string = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'functions', 'routes.ts')) && existsSync(join(dir, 'package-lock.json'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`chophien repository root not found above ${start} (looked for functions/routes.ts)`);
    }
    dir = parent;
  }
}
