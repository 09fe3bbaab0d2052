/**
 * Shared setup of the artifact harness tests: the assembly deployed onto fresh tables of the run's
 * DynamoDB Local, the operator's bootstrap (the demo data and its bank channels' secrets in Secrets
 * Manager, as a province would load its own), and clients playing the people and the bank.
 */
import { type BankProvider, buildBankNotification } from '@chophien/core';
import { createDb, type Db } from '@chophien/db';
import { afterAll, beforeAll, inject } from 'vitest';
import { type Harness, type HarnessOptions, startHarness } from '../../infra/aws/harness/harness.ts';
import { seed } from '../../infra/local/src/seed/index.ts';
import { seedPayoutChannels } from '../../infra/local/src/seed/marketplace.ts';
import { seedAccounts, seedFeeAccounts } from '../../infra/local/src/seed/markets-data.ts';
import { seedUsers } from '../../infra/local/src/seed/users.ts';

/** Parsed JSON response, read field by field in tests. */
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests.
export type JsonBody = any;

export interface HarnessClient {
  readonly harness: Harness;
  readonly db: Db;
  /** The HTTP API's base URL (`https://<id>.execute-api.<region>.amazonaws.com`). */
  readonly apiUrl: string;
  /** The distribution's URL (`https://<id>.cloudfront.net`): the storefront and the API paths on it. */
  readonly siteUrl: string;
  /** An ID token of the seeded person with this phone number, signed by the user pool. */
  tokenFor(phone: string): Promise<string>;
  request(
    url: string,
    options?: {
      method?: string;
      body?: unknown;
      rawBody?: string;
      token?: string;
      cookie?: string;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; headers: Headers; json: JsonBody; text: string; bytes: Buffer }>;
  /** The bank's signed notification of a transfer into a channel's account. */
  bankNotifies(
    channel: { id: string; provider: BankProvider; accountNumber: string },
    transfer: { transactionId: string; amountVnd: number; memo: string },
  ): Promise<{ status: number; json: JsonBody }>;
}

export function useHarness(options: Omit<HarnessOptions, 'assemblyDir' | 'dynamoDbEndpoint'> = {}) {
  const state: { client?: HarnessClient } = {};
  beforeAll(async () => {
    const harness = await startHarness({
      assemblyDir: inject('assemblyDir'),
      dynamoDbEndpoint: inject('dynamoDbEndpoint'),
      echoLogs: process.env['HARNESS_LOGS'] === '1',
      ...options,
    });
    const [tableName] = [...harness.tables.values()];
    const db = createDb({
      DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
      TABLE_NAME: tableName!,
      AWS_REGION: 'ap-southeast-1',
    });
    state.client = clientOf(harness, db);
  });
  afterAll(async () => {
    await state.client?.harness.stop();
    state.client?.db.raw.destroy();
  });
  return () => {
    if (!state.client) throw new Error('harness not started');
    return state.client;
  };
}

/** The province's bootstrap: demo data in the table, each channel's webhook secret in Secrets Manager. */
export async function bootstrap(client: HarnessClient): Promise<void> {
  await seed(client.db);
  const prefix = client.harness.functionFor('markets/bank-webhook').spec.environment['CHANNEL_SECRET_PREFIX'];
  if (!prefix) throw new Error('the webhook function has no CHANNEL_SECRET_PREFIX');
  for (const { channelId } of [...seedAccounts, ...seedFeeAccounts, ...seedPayoutChannels]) {
    client.harness.aws.putSecret(`${prefix}${channelId}`, `secret-${channelId}-${crypto.randomUUID()}`);
  }
}

function clientOf(harness: Harness, db: Db): HarnessClient {
  const pool = harness.userPools[0]!;
  const request: HarnessClient['request'] = async (url, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    if (options.cookie) headers['cookie'] = options.cookie;
    let body = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await harness.fetch(url, {
      method: options.method ?? 'GET',
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text, bytes };
  };
  const apiUrl = harness.httpApis[0]!.url;
  return {
    harness,
    db,
    apiUrl,
    siteUrl: harness.distributions[0]!.url,
    tokenFor(phone) {
      const person = seedUsers.find((user) => user.phone === phone);
      if (!person) throw new Error(`no seeded person with phone ${phone}`);
      return pool.idToken({ id: person.id, phone: person.phone, name: person.name, roles: person.roles });
    },
    request,
    async bankNotifies(channel, transfer) {
      const prefix = harness.functionFor('markets/bank-webhook').spec.environment['CHANNEL_SECRET_PREFIX'];
      const secret = harness.aws.findSecret(`${prefix}${channel.id}`)?.value;
      if (!secret) throw new Error(`no secret for channel ${channel.id}`);
      const notification = buildBankNotification(channel.provider, secret, {
        ...transfer,
        accountNumber: channel.accountNumber,
        at: new Date().toISOString(),
      });
      const response = await request(`${apiUrl}/webhooks/bank/${channel.provider}/${channel.id}`, {
        method: 'POST',
        rawBody: notification.body,
        headers: notification.headers,
      });
      return { status: response.status, json: response.json };
    },
  };
}
