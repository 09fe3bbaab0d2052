import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type BankProvider, buildBankNotification, type SimulatedTransfer } from '@chophien/core';
import { type Db, marketsStore, paymentKey } from '@chophien/db';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import type { TestApi } from '../../support/api.ts';

export const ids = {
  market1: seedId('market', 1),
  market2: seedId('market', 2),
  stallTdA01: seedId('stall', 1),
  stallTdA02: seedId('stall', 2),
  stallTdB01: seedId('stall', 3),
  stallHdC01: seedId('stall', 4),
  vendor1: seedId('vendor', 1),
  vendor2: seedId('vendor', 2),
  vendor3: seedId('vendor', 3),
};

/** Seeded channels: vendor 1 SePay-style, vendor 2 (two stalls, one account) payOS-style. */
export const channels = {
  vendor1: { id: 'ch-sepay-1', provider: 'sepay' as const, bin: '970415', accountNumber: '100870001234' },
  vendor2: { id: 'ch-payos-2', provider: 'payos' as const, bin: '970405', accountNumber: '3900205678901' },
  vendor3: { id: 'ch-sepay-3', provider: 'sepay' as const, bin: '970436', accountNumber: '0451000345678' },
  vendor4: { id: 'ch-payos-4', provider: 'payos' as const, bin: '970418', accountNumber: '21510004567890' },
};

/** Seeded farmers' payout channels: every order of that farmer pays to this account. */
export const payoutChannels = {
  farmer1: { id: 'ch-payout-1', provider: 'payos' as const, bin: '970405', accountNumber: '3904205123001' },
  farmer2: { id: 'ch-payout-2', provider: 'sepay' as const, bin: '970418', accountNumber: '4651000123002' },
};

/** The bank simulator's context for a test stack. */
export const simulatorContext = (api: TestApi) => ({
  db: api.db,
  apiUrl: api.url,
  secretsFile: process.env.MARKETS_SECRETS_FILE!,
});

/** One order of one pack placed by a buyer through the API. */
export async function placeOrder(api: TestApi, token: string, item: { productId: string; packId: string }) {
  const response = await api.request('POST', '/orders', {
    token,
    body: {
      items: [{ ...item, quantity: 1 }],
      fulfilment: 'pickup',
      contact: { name: 'Trần Minh Anh', phone: '0987000001' },
    },
  });
  if (response.status !== 201) throw new Error(`order not placed: ${response.text}`);
  return response.json.orders[0] as { id: string; code: string; totalVnd: number };
}

export const phones = {
  vendor1: '+84987000011',
  vendor2: '+84987000012',
  vendor3: '+84987000013',
  buyer: '+84987000001',
};

export function channelSecret(channelId: string): string {
  const file = process.env.MARKETS_SECRETS_FILE;
  if (!file) throw new Error('MARKETS_SECRETS_FILE not set: is the local stack running in this process?');
  const secret = (JSON.parse(readFileSync(file, 'utf8')) as { channels: Record<string, string> }).channels[
    channelId
  ];
  if (!secret) throw new Error(`no secret for ${channelId}`);
  return secret;
}

export function lastSmsCode(vendorId: string): string {
  const outbox = join(dirname(process.env.MARKETS_SECRETS_FILE ?? ''), 'sms-outbox.jsonl');
  const lines = readFileSync(outbox, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { vendorId: string; code: string });
  const mine = lines.filter((line) => line.vendorId === vendorId);
  return mine[mine.length - 1]!.code;
}

let counter = 0;
export const txId = (tag: string) => `${tag}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export async function deliver(
  api: TestApi,
  channel: { id: string; provider: BankProvider; accountNumber: string },
  transfer: Partial<SimulatedTransfer> & { amountVnd: number },
  options: { secret?: string; timestamp?: number; tamper?: (body: string) => string } = {},
) {
  const notification = buildBankNotification(
    channel.provider,
    options.secret ?? channelSecret(channel.id),
    {
      transactionId: transfer.transactionId ?? txId('tx'),
      memo: transfer.memo ?? '',
      accountNumber: transfer.accountNumber ?? channel.accountNumber,
      amountVnd: transfer.amountVnd,
      ...(transfer.at ? { at: transfer.at } : {}),
      ...(transfer.payer ? { payer: transfer.payer } : {}),
      ...(transfer.direction ? { direction: transfer.direction } : {}),
    },
    options.timestamp,
  );
  const rawBody = options.tamper ? options.tamper(notification.body) : notification.body;
  return api.request('POST', `/webhooks/bank/${channel.provider}/${channel.id}`, {
    rawBody,
    headers: notification.headers,
  });
}

/** The payment item of a transaction into a channel's account (decision 0704: keyed per account). */
export async function paymentItem(
  db: Db,
  channel: { provider: string; bin: string; accountNumber: string },
  transactionId: string,
) {
  const key = paymentKey({
    provider: channel.provider,
    providerTransactionId: transactionId,
    receivingAccount: { bin: channel.bin, accountNumber: channel.accountNumber },
  });
  return (await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }))).Item;
}

export async function ledgerOf(db: Db, stallId: string) {
  return marketsStore(db).ledgerOfStall(stallId);
}

export async function ledgerEntriesFor(db: Db, stallId: string, provider: string, transactionId: string) {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      FilterExpression: 'providerTransactionId = :tx AND provider = :provider',
      ExpressionAttributeValues: {
        ':pk': `STALL#${stallId}`,
        ':sk': 'LEDGER#',
        ':tx': transactionId,
        ':provider': provider,
      },
    }),
  );
  return result.Items ?? [];
}
