/**
 * Channel secrets. Local mode: a JSON file (mode 600) under the data dir that the bank simulator
 * reads too. AWS: one Secrets Manager secret per channel. Neither is ever logged or returned.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { ChannelSecrets } from '@chophien/core';

export interface SecretsFile {
  channels: Record<string, string>;
}

export const newChannelSecret = (): string => randomBytes(32).toString('base64url');

export function readSecretsFile(path: string): SecretsFile {
  if (!existsSync(path)) return { channels: {} };
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<SecretsFile>;
  return { channels: { ...parsed.channels } };
}

export function writeSecretsFile(path: string, content: SecretsFile): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function fileChannelSecrets(path: string): ChannelSecrets {
  let cache = readSecretsFile(path);
  return {
    async secretFor(channelId) {
      // A channel created since the last read (another process, an account change) is looked up again.
      if (!(channelId in cache.channels)) cache = readSecretsFile(path);
      return cache.channels[channelId];
    },
    // Locally the bank simulator's transaction API takes the channel's own secret as its token.
    async apiTokenFor(channelId) {
      return this.secretFor(channelId);
    },
    async create(channelId) {
      const current = readSecretsFile(path);
      if (current.channels[channelId]) return;
      current.channels[channelId] = newChannelSecret();
      writeSecretsFile(path, current);
      cache = current;
    },
  };
}

export function secretsManagerChannelSecrets(prefix: string): ChannelSecrets {
  const cache = new Map<string, string>();
  const client = import('@aws-sdk/client-secrets-manager').then((sdk) => ({
    sdk,
    client: new sdk.SecretsManagerClient({}),
  }));
  const read = async (secretId: string) => {
    const hit = cache.get(secretId);
    if (hit) return hit;
    const { sdk, client: sm } = await client;
    try {
      const result = await sm.send(new sdk.GetSecretValueCommand({ SecretId: secretId }));
      if (result.SecretString) cache.set(secretId, result.SecretString);
      return result.SecretString;
    } catch (error) {
      if (error instanceof sdk.ResourceNotFoundException) return undefined;
      throw error;
    }
  };
  return {
    secretFor: (channelId) => read(`${prefix}${channelId}`),
    // The provider's API token (SePay user API) sits beside the webhook secret; absent = not polled.
    apiTokenFor: (channelId) => read(`${prefix}${channelId}/api-token`),
    async create(channelId) {
      const { sdk, client: sm } = await client;
      await sm.send(
        new sdk.CreateSecretCommand({ Name: `${prefix}${channelId}`, SecretString: newChannelSecret() }),
      );
    },
  };
}
