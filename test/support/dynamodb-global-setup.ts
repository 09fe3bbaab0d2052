import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/src/dynamodb-local.ts';
import { freePort } from '../../infra/local/src/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
  }
}

/**
 * One real DynamoDB Local for the whole connected suite, on a free port with its data in a temp dir.
 * Test files isolate themselves by table name (see ./api.ts), so they can run in parallel.
 */
let dynamo: DynamoDbLocal | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'chophien-ddb-'));
  dynamo = await startDynamoDbLocal({ port: await freePort(), dataDir, heapMb: 512 });
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
