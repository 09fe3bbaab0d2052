import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { TABLE_NAME_DEFAULT } from './table.ts';

/** Read once per process (cold start), validated; a bad value fails loudly at start, not mid-request. */
const dbEnvSchema = z.object({
  TABLE_NAME: z.string().min(3).default(TABLE_NAME_DEFAULT),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('ap-southeast-1'),
});
export type DbConfig = z.infer<typeof dbEnvSchema>;

export const readDbConfig = (env: NodeJS.ProcessEnv = process.env): DbConfig => dbEnvSchema.parse(env);

export interface Db {
  readonly doc: DynamoDBDocumentClient;
  readonly raw: DynamoDBClient;
  readonly tableName: string;
}

export function createDb(config: DbConfig = readDbConfig()): Db {
  const clientConfig: DynamoDBClientConfig = { region: config.AWS_REGION, maxAttempts: 3 };
  if (config.DYNAMODB_ENDPOINT) {
    clientConfig.endpoint = config.DYNAMODB_ENDPOINT;
    // DynamoDB Local accepts any credentials; fixed ones keep a developer's real keys out of local traffic.
    clientConfig.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const raw = new DynamoDBClient(clientConfig);
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { doc, raw, tableName: config.TABLE_NAME };
}
