import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLocalConfig } from '../../infra/local/src/config.ts';
import { freePort } from '../../infra/local/src/ports.ts';
import { type LocalStack, startLocalStack } from '../../infra/local/src/stack.ts';

export interface TestStack extends LocalStack {
  /** The stack's own data dir (dev identity keys, local secrets file). */
  readonly dataDir: string;
  /** Stops the stack and removes its data dir. */
  dispose(): Promise<void>;
}

/**
 * The whole local platform (DynamoDB Local in memory, API, storefront) on free ports, for browser
 * tests: each file gets its own, so they can run side by side with a developer's `npm start`.
 */
export async function startTestStack(
  tableName: string,
  options: { readonly seed?: boolean } = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `chophien-${tableName}-`));
  const config = {
    ...readLocalConfig({}),
    apiPort: await freePort(),
    sitePort: await freePort(),
    dynamoDbPort: await freePort(),
    dataDir,
    tableName,
  };
  const stack = await startLocalStack(config, { inMemory: true, withSite: true, ...options });
  return {
    ...stack,
    dataDir,
    async dispose() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
