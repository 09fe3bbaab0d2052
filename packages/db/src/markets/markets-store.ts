/**
 * The markets area's repository: implements `MarketsStore` from packages/core over the single table.
 * Every write that moves money or must not happen twice is one TransactWrite with conditions.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type AuditEntry,
  type Channel,
  type CreditResult,
  type CreditWrite,
  type FeeLedgerEntry,
  type LedgerEntry,
  type Market,
  type MarketsStore,
  type PaymentAccount,
  type PendingAccountChange,
  type ReviewItem,
  type Sale,
  type SaleCredit,
  type Stall,
  type StallFee,
  type TillConnection,
  type TillTicket,
  type VerifiedPayment,
  vietnamDay,
} from '@chophien/core';
import type { Db } from '../client.ts';
import { payoutAccountKey } from '../keys/marketplace.ts';
import {
  accountKey,
  accountsOfVendorKey,
  allMarketsKey,
  auditKey,
  auditOfVendorPrefix,
  channelKey,
  channelKeys,
  channelsOfAccountKey,
  channelsOfProviderKey,
  feeLedgerKeys,
  feeLedgerOfStallPrefix,
  feesOfMarketMonthKey,
  ledgerKeys,
  ledgerOfMarketDayKey,
  ledgerOfStallPrefix,
  marketKeys,
  openReviewsOfVendorKey,
  openSalesOfVendorKey,
  pendingAccountChangeKey,
  reviewKey,
  reviewKeys,
  saleKey,
  saleKeys,
  salesOfStallDayKey,
  stallByCodeKey,
  stallDayKey,
  stallFeeKeys,
  stallKeys,
  stallsOfMarketKey,
  stallsOfVendorKey,
  tillConnectionKey,
  tillConnectionKeys,
  tillConnectionsOfVendorKey,
  tillOfVendorKey,
  tillTicketKey,
} from '../keys/markets.ts';
import { PAYMENT_KEY_VERSION, paymentKey } from '../keys/payments.ts';
import { refundCaseItems } from '../refunds/refund-store.ts';
import { indexes, ttlAttribute } from '../table.ts';
import { isThrottled } from '../throttling.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const KEY_ATTRIBUTES = new Set([
  'PK',
  'SK',
  'GSI1PK',
  'GSI1SK',
  'GSI2PK',
  'GSI2SK',
  'GSI3PK',
  'GSI3SK',
  'type',
  'day',
  ttlAttribute,
]);

function strip<T>(item: Record<string, unknown> | undefined): T | undefined {
  if (!item) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) if (!KEY_ATTRIBUTES.has(key)) out[key] = value;
  return out as T;
}

/** Market stalls and day ledgers are small; a bound keeps a bug from becoming an endless loop. */
const MAX_PAGES = 50;

export function marketsStore(db: Db): MarketsStore & {
  putMarket(market: Market): Promise<void>;
  putStall(stall: Stall): Promise<void>;
  putAccount(account: PaymentAccount, channel: Channel): Promise<void>;
  channelsOfAccount(bin: string, accountNumber: string): Promise<Channel[]>;
  getStallByCode(code: string): Promise<Stall | undefined>;
} {
  const table = db.tableName;

  async function queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await db.doc.send(
        new QueryCommand({ TableName: table, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
      if (!start) break;
    }
    return items;
  }

  const byIndex = (
    index: keyof typeof indexes,
    key: Record<string, string>,
    extra: Partial<QueryCommandInput> = {},
  ) => {
    const definition = indexes[index];
    const [[, value]] = Object.entries(key) as [[string, string]];
    return queryAll({
      IndexName: definition.indexName,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': definition.partitionKey },
      ExpressionAttributeValues: { ':pk': value },
      ...extra,
    });
  };

  const byPrefix = (key: { PK: string; SKPrefix: string }, extra: Partial<QueryCommandInput> = {}) =>
    queryAll({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': key.PK, ':sk': key.SKPrefix },
      ...extra,
    });

  const get = async <T>(key: { PK: string; SK: string }) =>
    strip<T>((await db.doc.send(new GetCommand({ TableName: table, Key: { PK: key.PK, SK: key.SK } }))).Item);

  const put = async (Item: Record<string, unknown>) => {
    await db.doc.send(new PutCommand({ TableName: table, Item }));
  };

  function paymentItem(payment: VerifiedPayment, attribution: Record<string, unknown>) {
    return {
      ...paymentKey(payment),
      type: 'Payment',
      keyVersion: PAYMENT_KEY_VERSION,
      ...payment,
      attribution,
      recordedAt: new Date().toISOString(),
    };
  }

  /** `ADD` one payment to a stall-month fee item (created on the first payment). */
  function feeAdd(
    fee: { stallId: string; marketId: string; month: string },
    amountVnd: number,
  ): TransactItem {
    const keys = stallFeeKeys(fee);
    return {
      Update: {
        TableName: table,
        Key: { PK: keys.PK, SK: keys.SK },
        UpdateExpression:
          'ADD paidVnd :amount, payments :one SET stallId = :stall, marketId = :market, #month = :month, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk, #type = :type',
        ExpressionAttributeNames: { '#month': 'month', '#type': 'type' },
        ExpressionAttributeValues: {
          ':amount': amountVnd,
          ':one': 1,
          ':stall': fee.stallId,
          ':market': fee.marketId,
          ':month': fee.month,
          ':gsi1pk': keys.GSI1PK,
          ':gsi1sk': keys.GSI1SK,
          ':type': 'StallFee',
        },
      },
    };
  }

  function feeLedgerPut(entry: FeeLedgerEntry): TransactItem {
    return {
      Put: {
        TableName: table,
        Item: { ...feeLedgerKeys(entry), type: 'FeeLedgerEntry', ...entry },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  const feeEntryFor = (
    payment: VerifiedPayment,
    fee: { stallId: string; marketId: string; month: string },
    extra: Pick<FeeLedgerEntry, 'via' | 'recordedAt'> & Partial<FeeLedgerEntry>,
  ): FeeLedgerEntry => ({
    id: `${payment.provider}#${payment.providerTransactionId}`,
    ...fee,
    amountVnd: payment.amountVnd,
    memo: payment.memo,
    provider: payment.provider,
    providerTransactionId: payment.providerTransactionId,
    receivedAt: payment.receivedAt,
    ...extra,
  });

  /**
   * One transfer counted towards a sale, on the condition that the sale still holds what was read
   * (`receivedBefore`): two transfers racing for one sale both land, one after the other.
   */
  function saleCreditUpdate(sale: SaleCredit, entry: LedgerEntry): TransactItem {
    const settles = sale.settled ? ', paidAt = :at, paidAmountVnd = :after, paidTransactionId = :tx' : '';
    // Sales made before part-payments have no receivedVnd: they count as 0 while open.
    const unchanged =
      sale.receivedBefore === 0
        ? '(receivedVnd = :before OR attribute_not_exists(receivedVnd))'
        : 'receivedVnd = :before';
    return {
      Update: {
        TableName: table,
        Key: saleKey(sale.code),
        UpdateExpression: `SET #status = :status, receivedVnd = :after${settles} ADD payments :one${
          sale.settled ? ' REMOVE GSI3PK, GSI3SK' : ''
        }`,
        ConditionExpression: `#status <> :paid AND ${unchanged}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': sale.settled ? 'paid' : 'underpaid',
          ':paid': 'paid',
          ':after': sale.receivedAfter,
          ':before': sale.receivedBefore,
          ':one': 1,
          ...(sale.settled ? { ':at': entry.creditedAt, ':tx': entry.id } : {}),
        },
      },
    };
  }

  /** Runs a transaction; maps the first failed condition to its index, contention to `'contention'`. */
  async function transact(items: TransactItem[]): Promise<'ok' | 'contention' | { failedAt: number }> {
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return 'ok';
    } catch (error) {
      // Throttled or in a conflicting transaction: the caller retries, then asks the provider to (503).
      if (isThrottled(error)) return 'contention';
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failedAt = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failedAt >= 0) return { failedAt };
      if (reasons.some((reason) => reason.Code === 'TransactionConflict')) return 'contention';
      throw error;
    }
  }

  return {
    async putMarket(market) {
      await put({ ...marketKeys(market), type: 'Market', ...market });
    },
    async putStall(stall) {
      await put({ ...stallKeys(stall), type: 'Stall', ...stall });
    },
    async putAccount(account, channel) {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: table,
                Item: { ...accountKey(account.vendorId, account.id), type: 'PaymentAccount', ...account },
              },
            },
            { Put: { TableName: table, Item: { ...channelKeys(channel), type: 'Channel', ...channel } } },
          ],
        }),
      );
    },

    getMarket: (id) => get<Market>(marketKeys({ id, code: '' })),
    async listMarkets() {
      return (await byIndex('byCode', allMarketsKey())).map((item) => strip<Market>(item) as Market);
    },
    getStall: (id) => get<Stall>({ PK: `STALL#${id}`, SK: 'STALL' }),
    async listStallsOfMarket(marketId) {
      return (await byIndex('byOwner', stallsOfMarketKey(marketId))).map(
        (item) => strip<Stall>(item) as Stall,
      );
    },
    async listStallsOfVendor(vendorId) {
      return (await byIndex('byTime', stallsOfVendorKey(vendorId))).map(
        (item) => strip<Stall>(item) as Stall,
      );
    },
    getChannel: (id) => get<Channel>(channelKey(id)),
    async listChannels(provider) {
      return (await byIndex('byTime', channelsOfProviderKey(provider))).map(
        (item) => strip<Channel>(item) as Channel,
      );
    },
    async channelsOfAccount(bin, accountNumber) {
      return (await byIndex('byCode', channelsOfAccountKey(bin, accountNumber))).map(
        (item) => strip<Channel>(item) as Channel,
      );
    },
    async getStallByCode(code) {
      const [item] = await byIndex('byCode', stallByCodeKey(code));
      return strip<Stall>(item);
    },
    getAccount: (vendorId, accountId) => get<PaymentAccount>(accountKey(vendorId, accountId)),
    async listAccounts(vendorId) {
      return (await byPrefix(accountsOfVendorKey(vendorId))).map(
        (item) => strip<PaymentAccount>(item) as PaymentAccount,
      );
    },

    async putSale(sale) {
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...saleKeys({ ...sale, day: vietnamDay(sale.createdAt) }), type: 'Sale', ...sale },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    getSale: (code) => get<Sale>(saleKey(code)),
    async listOpenSalesOfVendor(vendorId) {
      return (await byIndex('byTime', openSalesOfVendorKey(vendorId))).map(
        (item) => strip<Sale>(item) as Sale,
      );
    },
    async listSalesOfStall(stallId, day) {
      return (await byIndex('byOwner', salesOfStallDayKey(stallId, day))).map(
        (item) => strip<Sale>(item) as Sale,
      );
    },

    async recordCredit(write: CreditWrite): Promise<CreditResult> {
      const { payment, entry, sale } = write;
      const day = vietnamDay(entry.receivedAt);
      const attribution = { kind: 'stall', stallId: entry.stallId, via: entry.via, saleCode: sale?.code };
      const items: TransactItem[] = [];
      if (write.reviewId) {
        items.push({
          Update: {
            TableName: table,
            Key: paymentKey(payment),
            UpdateExpression: 'SET attribution = :attribution',
            ConditionExpression: 'attribution.kind = :review',
            ExpressionAttributeValues: { ':attribution': attribution, ':review': 'review' },
          },
        });
      } else {
        items.push({
          Put: {
            TableName: table,
            Item: paymentItem(payment, attribution),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
      }
      items.push(
        {
          Put: {
            TableName: table,
            Item: { ...ledgerKeys({ ...entry, day }), type: 'LedgerEntry', day, ...entry },
          },
        },
        {
          Update: {
            TableName: table,
            Key: stallDayKey(entry.stallId, day),
            UpdateExpression: 'ADD paymentCount :one, totalVnd :amount SET marketId = :market, #day = :day',
            ExpressionAttributeNames: { '#day': 'day' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':amount': entry.amountVnd,
              ':market': entry.marketId,
              ':day': day,
            },
          },
        },
      );
      const saleIndex = sale ? items.length : -1;
      if (sale) items.push(saleCreditUpdate(sale, entry));
      if (write.reviewId) {
        items.push({
          Update: {
            TableName: table,
            Key: reviewKey(write.reviewId),
            UpdateExpression:
              'SET #status = :assigned, assignedStallId = :stall, assignedAt = :at REMOVE GSI1PK, GSI1SK',
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':assigned': 'assigned',
              ':open': 'open',
              ':stall': entry.stallId,
              ':at': entry.creditedAt,
            },
          },
        });
      }
      const result = await transact(items);
      if (result === 'ok' || result === 'contention') return result === 'ok' ? 'recorded' : 'contention';
      if (result.failedAt === 0) return write.reviewId ? 'review_taken' : 'duplicate';
      if (result.failedAt === saleIndex) return 'sale_taken';
      return write.reviewId ? 'review_taken' : 'contention';
    },

    async recordReview(payment, review) {
      const result = await transact([
        {
          Put: {
            TableName: table,
            Item: paymentItem(payment, { kind: 'review', reviewId: review.id, reason: review.reason }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: table, Item: { ...reviewKeys(review), type: 'ReviewItem', ...review } } },
      ]);
      if (result === 'ok') return 'recorded';
      if (result === 'contention') return 'contention';
      return 'duplicate';
    },
    async recordFee(payment, fee) {
      const result = await transact([
        {
          Put: {
            TableName: table,
            Item: paymentItem(payment, { kind: 'fee', stallId: fee.stallId, month: fee.month }),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        feeAdd(fee, payment.amountVnd),
        feeLedgerPut(feeEntryFor(payment, fee, { via: 'fee_code', recordedAt: new Date().toISOString() })),
      ]);
      if (result === 'ok') return 'recorded';
      if (result === 'contention') return 'contention';
      return 'duplicate';
    },
    async assignFeeReview({ review, fee, assignedBy, assignedAt }) {
      const { payment } = review;
      const result = await transact([
        {
          Update: {
            TableName: table,
            Key: paymentKey(payment),
            UpdateExpression: 'SET attribution = :attribution',
            ConditionExpression: 'attribution.kind = :review AND attribution.reviewId = :reviewId',
            ExpressionAttributeValues: {
              ':attribution': {
                kind: 'fee',
                stallId: fee.stallId,
                month: fee.month,
                via: 'review',
                reviewId: review.id,
              },
              ':review': 'review',
              ':reviewId': review.id,
            },
          },
        },
        {
          Update: {
            TableName: table,
            Key: reviewKey(review.id),
            UpdateExpression:
              'SET #status = :assigned, assignedStallId = :stall, assignedFeeMonth = :month, assignedBy = :by, assignedAt = :at REMOVE GSI1PK, GSI1SK',
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':assigned': 'assigned',
              ':open': 'open',
              ':stall': fee.stallId,
              ':month': fee.month,
              ':by': assignedBy,
              ':at': assignedAt,
            },
          },
        },
        feeAdd(fee, payment.amountVnd),
        feeLedgerPut(
          feeEntryFor(payment, fee, {
            via: 'review',
            recordedAt: assignedAt,
            reviewId: review.id,
            assignedBy,
          }),
        ),
      ]);
      if (result === 'ok') return 'recorded';
      if (result === 'contention') return 'contention';
      return 'already_assigned';
    },
    async refundReview({ review, refund }) {
      const result = await transact([
        {
          Update: {
            TableName: table,
            Key: paymentKey(review.payment),
            UpdateExpression: 'SET attribution = :attribution',
            ConditionExpression: 'attribution.kind = :review AND attribution.reviewId = :reviewId',
            ExpressionAttributeValues: {
              ':attribution': { kind: 'refund', reviewId: review.id, refundId: refund.id },
              ':review': 'review',
              ':reviewId': review.id,
            },
          },
        },
        {
          Update: {
            TableName: table,
            Key: reviewKey(review.id),
            UpdateExpression: 'SET #status = :refund, refundId = :refundId REMOVE GSI1PK, GSI1SK',
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':refund': 'refund', ':open': 'open', ':refundId': refund.id },
          },
        },
        ...refundCaseItems(table, refund),
      ]);
      if (result === 'ok') return 'recorded';
      if (result === 'contention') return 'contention';
      return 'already_handled';
    },
    async feeLedgerOfStall(stallId, month) {
      return (await byPrefix(feeLedgerOfStallPrefix(stallId, month))).map(
        (item) => strip<FeeLedgerEntry>(item) as FeeLedgerEntry,
      );
    },
    async listFeesOfMarketMonth(marketId, month) {
      return (await byIndex('byOwner', feesOfMarketMonthKey(marketId, month))).map(
        (item) => strip<StallFee>(item) as StallFee,
      );
    },
    getReview: (id) => get<ReviewItem>(reviewKey(id)),
    async listOpenReviewsOfVendor(vendorId) {
      return (await byIndex('byOwner', openReviewsOfVendorKey(vendorId))).map(
        (item) => strip<ReviewItem>(item) as ReviewItem,
      );
    },

    async ledgerOfStall(stallId, day) {
      return (await byPrefix(ledgerOfStallPrefix(stallId, day))).map(
        (item) => strip<LedgerEntry>(item) as LedgerEntry,
      );
    },
    async ledgerOfMarketDay(marketId, day) {
      return (await byIndex('byOwner', ledgerOfMarketDayKey(marketId, day))).map(
        (item) => strip<LedgerEntry>(item) as LedgerEntry,
      );
    },
    async tillFeed(vendorId, afterCreditedAt) {
      const key = tillOfVendorKey(vendorId);
      const items = await queryAll({
        IndexName: indexes.byTime.indexName,
        KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK > :after',
        ExpressionAttributeValues: { ':pk': key.GSI3PK, ':after': afterCreditedAt },
      });
      return items.map((item) => strip<LedgerEntry>(item) as LedgerEntry);
    },
    async stallDayTotal(stallId, day) {
      const item = (await db.doc.send(new GetCommand({ TableName: table, Key: stallDayKey(stallId, day) })))
        .Item;
      return { count: Number(item?.paymentCount ?? 0), totalVnd: Number(item?.totalVnd ?? 0) };
    },

    async putTillTicket(ticket: TillTicket) {
      await put({
        ...tillTicketKey(ticket.ticketHash),
        type: 'TillTicket',
        ...ticket,
        [ttlAttribute]: Math.floor(Date.parse(ticket.expiresAt) / 1000),
      });
    },
    async redeemTillTicket(ticketHash, now) {
      try {
        const result = await db.doc.send(
          new DeleteCommand({
            TableName: table,
            Key: tillTicketKey(ticketHash),
            // TTL deletion lags (up to days): the expiry is checked here, in the same conditional delete.
            // Stored `expiresAt` is the TTL attribute (epoch seconds), which replaced the ISO value.
            ConditionExpression: 'attribute_exists(PK) AND #expires > :now',
            ExpressionAttributeNames: { '#expires': ttlAttribute },
            ExpressionAttributeValues: { ':now': Math.floor(Date.parse(now) / 1000) },
            ReturnValues: 'ALL_OLD',
          }),
        );
        const vendorId = result.Attributes?.vendorId;
        return typeof vendorId === 'string' ? vendorId : undefined;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return undefined;
        throw error;
      }
    },
    async putTillConnection(connection: TillConnection) {
      await put({
        ...tillConnectionKeys(connection),
        type: 'TillConnection',
        ...connection,
        [ttlAttribute]: Math.floor(Date.parse(connection.expiresAt) / 1000),
      });
    },
    async deleteTillConnection(connectionId) {
      await db.doc.send(new DeleteCommand({ TableName: table, Key: tillConnectionKey(connectionId) }));
    },
    async tillConnectionsOfVendor(vendorId) {
      return (await byIndex('byOwner', tillConnectionsOfVendorKey(vendorId))).map(
        (item) => strip<TillConnection>(item) as TillConnection,
      );
    },

    async putPendingAccountChange(change) {
      await put({
        ...pendingAccountChangeKey(change.vendorId, change.id),
        type: 'PendingAccountChange',
        ...change,
        // The TTL attribute shares the name `expiresAt`: the code's own expiry is kept beside it.
        codeExpiresAt: change.expiresAt,
        [ttlAttribute]: Math.floor(Date.parse(change.expiresAt) / 1000) + 3600,
      });
    },
    async getPendingAccountChange(vendorId, id) {
      const found = await get<PendingAccountChange & { codeExpiresAt?: string }>(
        pendingAccountChangeKey(vendorId, id),
      );
      if (!found) return undefined;
      const { codeExpiresAt, ...change } = found;
      // Items written before `codeExpiresAt` existed: treat as expired (the code was 10 minutes).
      return { ...change, expiresAt: codeExpiresAt ?? new Date(0).toISOString() };
    },
    async replaceAccount({ change, account, channel, retiredAccountIds, stallIds, payout, audit }) {
      const items: TransactItem[] = [
        {
          Delete: {
            TableName: table,
            Key: pendingAccountChangeKey(change.vendorId, change.id),
            // A code works once: the first confirmation deletes the change (tries are counted apart, core/limits).
            ConditionExpression: 'attribute_exists(PK)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { ...accountKey(account.vendorId, account.id), type: 'PaymentAccount', ...account },
          },
        },
        { Put: { TableName: table, Item: { ...channelKeys(channel), type: 'Channel', ...channel } } },
        {
          Put: {
            TableName: table,
            Item: { ...auditKey(audit.vendorId, audit.at, audit.id), type: 'Audit', ...audit },
          },
        },
        ...retiredAccountIds.map(
          (id): TransactItem => ({
            Update: {
              TableName: table,
              Key: accountKey(change.vendorId, id),
              UpdateExpression: 'SET #status = :retired',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':retired': 'retired' },
            },
          }),
        ),
        // A farmer's change: the payout account orders' VietQR pays to (decision 0606).
        ...(payout
          ? [
              {
                Put: {
                  TableName: table,
                  Item: { ...payoutAccountKey(payout.farmerId), type: 'PayoutAccount', ...payout },
                },
              } satisfies TransactItem,
            ]
          : []),
        ...stallIds.map(
          (id): TransactItem => ({
            Update: {
              TableName: table,
              Key: { PK: `STALL#${id}`, SK: 'STALL' },
              UpdateExpression: 'SET accountId = :account',
              ConditionExpression: 'vendorId = :vendor',
              ExpressionAttributeValues: { ':account': account.id, ':vendor': change.vendorId },
            },
          }),
        ),
      ];
      const result = await transact(items);
      if (result === 'ok') return 'replaced';
      if (result === 'contention') throw new Error('account change contention');
      return 'already_used';
    },
    async appendAudit(entry: AuditEntry) {
      await put({ ...auditKey(entry.vendorId, entry.at, entry.id), type: 'Audit', ...entry });
    },
    async listAudit(vendorId) {
      return (await byPrefix(auditOfVendorPrefix(vendorId), { ScanIndexForward: false })).map(
        (item) => strip<AuditEntry>(item) as AuditEntry,
      );
    },
  };
}

export type MarketsRepository = ReturnType<typeof marketsStore>;
