import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesizeForHarness } from '../../infra/aws/harness/synthesize.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/src/dynamodb-local.ts';
import { freePort } from '../../infra/local/src/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    assemblyDir: string;
    dynamoDbEndpoint: string;
  }
}

/**
 * One synthesis (into infra/aws/cdk.out, reusing every bundle whose inputs did not change) and one
 * DynamoDB Local for the artifact harness; each test file deploys the assembly onto its own tables.
 */
let dynamo: DynamoDbLocal | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const [assemblyDir, started] = await Promise.all([
    synthesizeForHarness(),
    (async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'chophien-harness-ddb-'));
      return startDynamoDbLocal({ port: await freePort(), dataDir, heapMb: 512 });
    })(),
  ]);
  dynamo = started;
  project.provide('assemblyDir', assemblyDir);
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
