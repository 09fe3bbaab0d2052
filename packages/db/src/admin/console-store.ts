import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import {
  type ConsoleAuditEntry,
  type ConsoleStore,
  foldForSearch,
  type PersonWrite,
  type Stall,
  type Zone,
} from '@chophien/core';
import type { Db } from '../client.ts';
import {
  auditOfTargetPk,
  consoleAuditMonthPk,
  marketCodeClaimKey,
  stallCodeClaimKey,
  zoneKey,
  zoneNameClaimKey,
  zonesOfMarketPrefix,
} from '../keys/admin.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { marketKeys, stallKeys, stallsOfMarketKey } from '../keys/markets.ts';
import { type TransactItems, transactWrite } from '../marketplace/transact.ts';
import { marketsStore } from '../markets/markets-store.ts';
import { indexes } from '../table.ts';
import { auditPut, personCreate, personUpdate } from './people-store.ts';

type TransactItem = TransactItems[number];

const claim = (db: Db, key: { PK: string; SK: string }, extra: Record<string, unknown>): TransactItem => ({
  Put: {
    TableName: db.tableName,
    Item: { ...key, type: 'Claim', ...extra },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

const versioned = (expectedVersion: number) =>
  expectedVersion === 0
    ? 'attribute_exists(PK) AND (attribute_not_exists(#version) OR #version = :version)'
    : 'attribute_exists(PK) AND #version = :version';

/** The console's writes over the single table (implements core's ConsoleStore). */
export function consoleStore(db: Db): ConsoleStore {
  const markets = marketsStore(db);
  const table = db.tableName;

  async function query(input: Omit<QueryCommandInput, 'TableName'>) {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const result = await db.doc.send(
        new QueryCommand({ TableName: table, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
    } while (start);
    return items;
  }

  const failedAt = (reasons: string[], index: number) => reasons[index] === 'ConditionalCheckFailed';

  /** A stall (its id is its number's claim: core's stallIdOf), its code claim, its audit entry, and (if any) its vendor's profile and audit. */
  function stallItems(
    stall: Stall,
    audit: ConsoleAuditEntry,
    person: PersonWrite | undefined,
  ): TransactItem[] {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: table,
          Item: { ...stallKeys(stall), type: 'Stall', ...stall },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      claim(db, stallCodeClaimKey(stall.code), { stallId: stall.id }),
      auditPut(db, audit),
    ];
    if (person) {
      items.push(
        person.kind === 'create'
          ? personCreate(db, person.profile)
          : personUpdate(db, person.profile, person.expectedVersion),
        auditPut(db, person.audit),
      );
    }
    return items;
  }

  return {
    getMarket: (id) => markets.getMarket(id),
    listMarkets: () => markets.listMarkets(),
    getStall: (id) => markets.getStall(id),
    listStallsOfMarket: (marketId) => markets.listStallsOfMarket(marketId),

    async createMarket(market, audit) {
      // Markets made before the console have no code claim: their codes are checked through the index.
      const existing = await query({
        IndexName: indexes.byCode.indexName,
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK = :sk',
        ExpressionAttributeValues: { ':pk': 'MARKETS', ':sk': `MARKET#${market.code}` },
      });
      if (existing.length > 0) return 'code_taken';
      const outcome = await transactWrite(db, [
        {
          Put: {
            TableName: table,
            Item: { ...marketKeys(market), type: 'Market', ...market },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        claim(db, marketCodeClaimKey(market.code), { marketId: market.id }),
        auditPut(db, audit),
      ]);
      return outcome.ok ? 'created' : 'code_taken';
    },

    async updateMarket(market, expectedVersion, audit) {
      const outcome = await transactWrite(db, [
        {
          Put: {
            TableName: table,
            Item: { ...marketKeys(market), type: 'Market', ...market },
            ConditionExpression: versioned(expectedVersion),
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':version': expectedVersion },
          },
        },
        auditPut(db, audit),
      ]);
      return outcome.ok ? 'updated' : 'stale';
    },

    async listZones(marketId) {
      const { PK, SKPrefix } = zonesOfMarketPrefix(marketId);
      const items = await query({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': PK, ':sk': SKPrefix },
      });
      return items
        .map((item) => withoutKeys(item) as unknown as Zone & { type?: string })
        .map(({ type: _type, ...zone }) => zone as Zone)
        .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    },

    async createZone(zone, audit) {
      const outcome = await transactWrite(db, [
        {
          Put: {
            TableName: table,
            Item: { ...zoneKey(zone.marketId, zone.id), type: 'Zone', ...zone },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        claim(db, zoneNameClaimKey(zone.marketId, foldForSearch(zone.name)), { zoneId: zone.id }),
        auditPut(db, audit),
      ]);
      return outcome.ok ? 'created' : 'name_taken';
    },

    async findStallByNumber(marketId, number) {
      const [item] = await query({
        IndexName: indexes.byOwner.indexName,
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK = :sk',
        ExpressionAttributeValues: { ':pk': stallsOfMarketKey(marketId).GSI1PK, ':sk': `STALL#${number}` },
      });
      return item ? (markets.getStall(String(item.id)) as Promise<Stall | undefined>) : undefined;
    },

    async createStalls(plans) {
      const outcome = await transactWrite(
        db,
        plans.flatMap((plan) => stallItems(plan.stall, plan.audit, plan.person)),
      );
      return outcome.ok ? 'created' : 'conflict';
    },

    async createStall(stall, audit, person) {
      const outcome = await transactWrite(db, stallItems(stall, audit, person));
      if (outcome.ok) return 'created';
      if (failedAt(outcome.reasons, 0)) return 'number_taken';
      if (failedAt(outcome.reasons, 1)) return 'code_taken';
      if (failedAt(outcome.reasons, 3)) return 'person_stale';
      return 'number_taken';
    },

    async appendAudit(entry) {
      await transactWrite(db, [auditPut(db, entry)]);
    },

    async listAudit({ month, targetId }) {
      const items = targetId
        ? await query({
            IndexName: indexes.byOwner.indexName,
            KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :month)',
            ExpressionAttributeValues: { ':pk': auditOfTargetPk(targetId), ':month': month },
            ScanIndexForward: false,
          })
        : await query({
            KeyConditionExpression: 'PK = :pk',
            ExpressionAttributeValues: { ':pk': consoleAuditMonthPk(month) },
            ScanIndexForward: false,
          });
      return items.map((item) => {
        const { type: _type, ...entry } = withoutKeys(item) as Record<string, unknown>;
        return entry as unknown as Awaited<ReturnType<ConsoleStore['listAudit']>>[number];
      });
    },
  };
}
