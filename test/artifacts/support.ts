/**
 * Shared setup of the artifact harness tests: the assembly deployed onto fresh tables of the run's
 * DynamoDB Local, and the people of the seed data as the user pool would sign them in.
 */
import { createDb, type Db } from '@chophien/db';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Harness, type HarnessOptions, startHarness } from '../../infra/aws/harness/harness.ts';

export function useHarness(options: Omit<HarnessOptions, 'assemblyDir' | 'dynamoDbEndpoint'> = {}) {
  const state: { harness?: Harness } = {};
  beforeAll(async () => {
    state.harness = await startHarness({
      assemblyDir: inject('assemblyDir'),
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      echoLogs: process.env['HARNESS_LOGS'] === '1',
      ...options,
    });
  });
  afterAll(async () => {
    await state.harness?.stop();
  });
  return () => {
    if (!state.harness) throw new Error('harness not started');
    return state.harness;
  };
}

/** A client of the harness table (as an operator's script would be), for seeding and checks. */
export function tableClient(harness: Harness): Db {
  const [name] = [...harness.tables.values()];
  return createDb({
    DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
    TABLE_NAME: name!,
    AWS_REGION: 'ap-southeast-1',
  });
}

/** The HTTP API's base URL (no trailing slash). */
export const apiUrl = (harness: Harness): string => harness.httpApis[0]!.url;
