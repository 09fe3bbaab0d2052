import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  type BooksDeps,
  type BusinessAccount,
  type LedgerEntry,
  type MarketTakings,
  type OnlineSellers,
  orderSchema,
  productStatuses,
  recordFromCashSale,
  recordFromLedgerEntry,
  recordFromPaidOrder,
  type Sale,
  type SalesRecord,
  type SalesRecordSource,
  vietnamDay,
} from '@chophien/core';
import type { Db } from '../client.ts';
import { ledgerOfStallDays, listingsOfStatus, ordersOfSellerCreated } from '../keys/books.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { cashSalesOfVendorKey } from '../keys/markets.ts';
import { payoutAccountRepository } from '../marketplace/payout-account-repository.ts';
import { marketsStore } from '../markets/markets-store.ts';

/** A busy stall sells ~100 times a day: a year is ~36,000 entries, 1 MB pages of ~2,000. */
const MAX_PAGES = 200;

/** An order is paid within its payment window (at most 7 days, ORDER_PAYMENT_MINUTES) of being created. */
const LONGEST_PAYMENT_WINDOW_MS = 8 * 24 * 3600 * 1000;

const inRange = (at: string, range: { fromIso: string; toIso: string }) =>
  at >= range.fromIso && at < range.toIso;

/** The readers and stores the books use-cases need, on the one table. */
export function booksStore(db: Db): Omit<BooksDeps, 'users' | 'clock'> &
  MarketTakings &
  OnlineSellers & {
    bank: SalesRecordSource;
    orders: SalesRecordSource;
    cash: SalesRecordSource;
  } {
  const markets = marketsStore(db);
  const payouts = payoutAccountRepository(db);

  async function queryAll(input: Omit<QueryCommandInput, 'TableName'>) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const result = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          ...input,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
      if (!start) return items;
    }
    throw new Error(
      `books query over ${MAX_PAGES} pages: ${JSON.stringify(input.ExpressionAttributeValues)}`,
    );
  }

  /** Every item of one index partition whose sort key lies in [skFrom, skTo]. */
  const queryIndexRange = (key: {
    index: { indexName: string; partitionKey: string; sortKey: string };
    pk: string;
    skFrom: string;
    skTo: string;
  }) =>
    queryAll({
      IndexName: key.index.indexName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': key.index.partitionKey, '#sk': key.index.sortKey },
      ExpressionAttributeValues: { ':pk': key.pk, ':from': key.skFrom, ':to': key.skTo },
    });

  const bank: SalesRecordSource = {
    source: 'bank',
    async recordsOf(vendorId, range) {
      const firstDay = vietnamDay(range.fromIso);
      const lastDay = vietnamDay(new Date(Date.parse(range.toIso) - 1));
      const records: SalesRecord[] = [];
      for (const stall of await markets.listStallsOfVendor(vendorId)) {
        const key = ledgerOfStallDays(stall.id, firstDay, lastDay);
        const items = await queryAll({
          KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': key.PK, ':from': key.SKFrom, ':to': key.SKTo },
        });
        for (const item of items) {
          const entry = withoutKeys(item) as unknown as LedgerEntry;
          // A stall changes hands rarely, but its old vendor's entries are theirs, not the new vendor's.
          if (entry.vendorId === vendorId && inRange(entry.receivedAt, range))
            records.push(recordFromLedgerEntry(entry, stall.code));
        }
      }
      return records;
    },
  };

  const orders: SalesRecordSource = {
    source: 'order',
    async recordsOf(farmerId, range) {
      const from = new Date(Date.parse(range.fromIso) - LONGEST_PAYMENT_WINDOW_MS).toISOString();
      const key = ordersOfSellerCreated(farmerId, from, range.toIso);
      const items = await queryIndexRange(key);
      const records: SalesRecord[] = [];
      for (const item of items) {
        const { type: _type, expiresAt: _expiresAt, ...rest } = withoutKeys(item) as Record<string, unknown>;
        const record = recordFromPaidOrder(orderSchema.parse(rest));
        if (record && inRange(record.at, range)) records.push(record);
      }
      return records;
    },
  };

  /** Cash sales recorded on the sell screen (issue #17.1): one query on the household's cash feed. */
  const cash: SalesRecordSource = {
    source: 'cash',
    async recordsOf(vendorId, range) {
      const key = cashSalesOfVendorKey(vendorId, range.fromIso, range.toIso);
      const items = await queryIndexRange(key);
      const records: SalesRecord[] = [];
      for (const item of items) {
        const { type: _type, ...sale } = withoutKeys(item) as Record<string, unknown>;
        const record = recordFromCashSale(sale as unknown as Sale);
        if (record && record.householdId === vendorId && inRange(record.at, range)) records.push(record);
      }
      return records;
    },
  };

  return {
    bank,
    orders,
    cash,
    sources: [bank, orders, cash],
    accounts: {
      async accountsOf(householdId) {
        const accounts: BusinessAccount[] = [];
        const stalls = await markets.listStallsOfVendor(householdId);
        for (const account of await markets.listAccounts(householdId)) {
          const codes = stalls.filter((stall) => stall.accountId === account.id).map((stall) => stall.code);
          accounts.push({
            bin: account.bin,
            accountNumber: account.accountNumber,
            holderName: account.holderName,
            usedFor: {
              vi:
                codes.length > 0
                  ? `Nhận tiền bán hàng tại sạp ${codes.join(', ')}`
                  : 'Nhận tiền bán hàng tại chợ',
              en: codes.length > 0 ? `Stall takings (${codes.join(', ')})` : 'Market takings',
            },
            active: account.status === 'active',
            since: account.createdAt,
          });
        }
        const payout = await payouts.get(householdId);
        if (payout)
          accounts.push({
            bin: payout.bankBin,
            accountNumber: payout.accountNumber,
            holderName: payout.accountName,
            usedFor: { vi: 'Nhận tiền đơn hàng trực tuyến', en: 'Online order payments' },
            active: true,
            since: payout.updatedAt,
          });
        return accounts;
      },
    },
    places: {
      async stallsOf(householdId) {
        const stalls = await markets.listStallsOfVendor(householdId);
        return Promise.all(
          stalls.map(async (stall) => {
            const market = await markets.getMarket(stall.marketId);
            return market ? { stall, market } : { stall };
          }),
        );
      },
    },
    getMarket: (id) => markets.getMarket(id),
    listMarkets: () => markets.listMarkets(),
    ledgerOfMarketDay: (marketId, day) => markets.ledgerOfMarketDay(marketId, day),
    async listSellerIds() {
      const sellers = new Set<string>();
      for (const status of productStatuses) {
        const key = listingsOfStatus(status);
        const items = await queryAll({
          IndexName: key.index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': key.index.partitionKey, '#farmer': 'farmerId' },
          ExpressionAttributeValues: { ':pk': key.pk },
          ProjectionExpression: '#farmer',
        });
        for (const item of items) if (typeof item.farmerId === 'string') sellers.add(item.farmerId);
      }
      return [...sellers].sort();
    },
  };
}
