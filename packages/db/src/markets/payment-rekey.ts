/**
 * One-off data migration for decision 0704: payment items move from `PAYMENT#<provider>#<tx>` to the
 * per-account key, review items learn the channel account their payment went to, and channels gain
 * their per-provider index keys (the missed-notification poll lists them). Idempotent: a second run
 * finds nothing to do. Run by the local runtime at every start; on AWS, once before the new webhook
 * code serves (see the decision).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  ScanCommand,
  type ScanCommandOutput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Db } from '../client.ts';
import { orderKey } from '../keys/marketplace.ts';
import { channelsOfProviderKeys } from '../keys/markets.ts';
import { PAYMENT_KEY_VERSION, paymentKey } from '../keys/payments.ts';

export interface RekeyReport {
  readonly rekeyed: number;
  /** Legacy items whose receiving account could not be named with certainty: left as they were. */
  readonly unresolved: string[];
  readonly reviewsBound: number;
  readonly channelsIndexed: number;
}

type Item = Record<string, unknown> & { PK: string; SK: string };
interface ChannelFacts {
  id: string;
  bin: string;
  accountNumber: string;
  accountId: string;
}

async function scanAll(db: Db): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await db.doc.send(
      new ScanCommand({
        TableName: db.tableName,
        FilterExpression:
          '(begins_with(PK, :payment) AND attribute_not_exists(keyVersion)) OR begins_with(PK, :channel) OR begins_with(PK, :review)',
        ExpressionAttributeValues: { ':payment': 'PAYMENT#', ':channel': 'CHANNEL#', ':review': 'REVIEW#' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function rekeyLegacyPayments(db: Db): Promise<RekeyReport> {
  const items = await scanAll(db);
  const channels = items
    .filter((item) => item.PK.startsWith('CHANNEL#') && item.SK === 'CHANNEL')
    .map((item) => item as unknown as ChannelFacts & Item & { provider: string; GSI3PK?: string });
  const byNumber = new Map<string, ChannelFacts[]>();
  for (const channel of channels) {
    byNumber.set(channel.accountNumber, [...(byNumber.get(channel.accountNumber) ?? []), channel]);
  }

  let channelsIndexed = 0;
  for (const channel of channels.filter((entry) => !entry.GSI3PK)) {
    const keys = channelsOfProviderKeys(channel);
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: channel.PK, SK: channel.SK },
        UpdateExpression: 'SET GSI3PK = :pk, GSI3SK = :sk',
        ExpressionAttributeValues: { ':pk': keys.GSI3PK, ':sk': keys.GSI3SK },
      }),
    );
    channelsIndexed++;
  }

  const unresolved: string[] = [];
  let rekeyed = 0;
  for (const item of items.filter((entry) => entry.PK.startsWith('PAYMENT#'))) {
    const account = await accountOf(db, item, byNumber);
    if (!account) {
      unresolved.push(item.PK);
      continue;
    }
    const { PK, SK, ...rest } = item;
    const moved = {
      ...rest,
      receivingAccount: { bin: account.bin, accountNumber: account.accountNumber },
      ...(account.channelId ? { channelId: account.channelId } : {}),
      keyVersion: PAYMENT_KEY_VERSION,
    };
    const key = paymentKey({
      provider: String(item.provider),
      providerTransactionId: String(item.providerTransactionId),
      receivingAccount: moved.receivingAccount,
    });
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.tableName,
                Item: { ...moved, ...key },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Delete: {
                TableName: db.tableName,
                Key: { PK, SK },
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(keyVersion)',
              },
            },
          ],
        }),
      );
      rekeyed++;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      unresolved.push(PK);
    }
  }

  let reviewsBound = 0;
  for (const review of items.filter((entry) => entry.PK.startsWith('REVIEW#') && entry.SK === 'REVIEW')) {
    const payment = review.payment as { channelId?: string; receivingAccount?: { bin?: string } } | undefined;
    if (!payment || payment.channelId) continue;
    const channel = channels.find((entry) => entry.accountId === review.accountId);
    if (!channel) continue;
    await db.doc.send(
      new UpdateCommand({
        TableName: db.tableName,
        Key: { PK: review.PK, SK: review.SK },
        UpdateExpression: 'SET payment.channelId = :channel, payment.receivingAccount = :account',
        ExpressionAttributeValues: {
          ':channel': channel.id,
          ':account': { bin: channel.bin, accountNumber: channel.accountNumber },
        },
      }),
    );
    reviewsBound++;
  }
  return { rekeyed, unresolved, reviewsBound, channelsIndexed };
}

/** The account a legacy payment went into: the order's pay-to account, or the one channel holding that number. */
async function accountOf(
  db: Db,
  item: Item,
  byNumber: Map<string, ChannelFacts[]>,
): Promise<{ bin: string; accountNumber: string; channelId?: string } | undefined> {
  const named = (item.receivingAccount ?? {}) as { bin?: string; accountNumber?: string };
  if (typeof item.orderId === 'string') {
    const order = (
      await db.doc.send(new GetCommand({ TableName: db.tableName, Key: orderKey(item.orderId) }))
    ).Item as { payTo?: { bankBin: string; accountNumber: string } } | undefined;
    if (order?.payTo) return { bin: order.payTo.bankBin, accountNumber: order.payTo.accountNumber };
  }
  if (!named.accountNumber) return undefined;
  const candidates = (byNumber.get(named.accountNumber.replace(/\s/g, '')) ?? []).filter(
    (channel) => named.bin === undefined || channel.bin === named.bin,
  );
  const bins = new Set(candidates.map((channel) => channel.bin));
  if (bins.size !== 1 || !candidates[0]) return undefined;
  return {
    bin: candidates[0].bin,
    accountNumber: candidates[0].accountNumber,
    ...(candidates.length === 1 ? { channelId: candidates[0].id } : {}),
  };
}
