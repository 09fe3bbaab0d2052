/**
 * The local channel-secrets file: `<dataDir>/secrets.json`, mode 600, created at first start with a
 * fresh random secret for every seeded channel. The API (functions/markets) and the bank simulator
 * read the same file; on AWS the secrets live in Secrets Manager instead.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  newChannelSecret,
  readSecretsFile,
  writeSecretsFile,
} from '../../../../functions/markets/channel-secrets.ts';
import { seedPayoutChannels } from '../seed/marketplace.ts';
import { seedAccounts, seedFeeAccounts } from '../seed/markets-data.ts';

export const secretsFilePath = (dataDir: string): string => join(dataDir, 'secrets.json');

export function ensureSecretsFile(dataDir: string): string {
  const path = secretsFilePath(dataDir);
  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  const content = readSecretsFile(path);
  let changed = !existsSync(path);
  for (const { channelId } of [...seedAccounts, ...seedFeeAccounts, ...seedPayoutChannels]) {
    if (content.channels[channelId]) continue;
    content.channels[channelId] = newChannelSecret();
    changed = true;
  }
  if (changed) writeSecretsFile(path, content);
  return path;
}
