import { resolve } from 'node:path';
import * as z from 'zod';

export const repoRoot = resolve(import.meta.dirname, '../../..');

const localEnvSchema = z.object({
  CHOPHIEN_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SITE_PORT: z.coerce.number().int().min(1).max(65535).default(4321),
  DYNAMODB_PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  DATA_DIR: z.string().default('.data'),
  TABLE_NAME: z.string().default('chophien'),
});

export type LocalConfig = {
  host: string;
  apiPort: number;
  sitePort: number;
  dynamoDbPort: number;
  dataDir: string;
  tableName: string;
};

/** Ports, data dir and table from the environment (all optional), validated once at start. */
export function readLocalConfig(env: NodeJS.ProcessEnv = process.env): LocalConfig {
  const parsed = localEnvSchema.parse(env);
  return {
    host: parsed.CHOPHIEN_HOST,
    apiPort: parsed.API_PORT,
    sitePort: parsed.SITE_PORT,
    dynamoDbPort: parsed.DYNAMODB_PORT,
    dataDir: resolve(repoRoot, parsed.DATA_DIR),
    tableName: parsed.TABLE_NAME,
  };
}
