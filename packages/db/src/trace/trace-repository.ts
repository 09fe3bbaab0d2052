import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type CloneAlert,
  type Farm,
  farmSchema,
  type Lot,
  lotNamespace,
  lotSchema,
  type ScanEntry,
  type SerialItem,
  type TraceEvent,
  type TraceRepository,
} from '@chophien/core';
import type { Db } from '../client.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { gtinClaimKey } from '../keys/gtin.ts';
import {
  cloneAlertKey,
  cloneAlertsPartition,
  farmsByOwner,
  lotsByFarm,
  TRACE_EVENT_PREFIX,
  TRACE_SERIAL_PREFIX,
  traceEventKey,
  traceFarmKey,
  traceFarmKeys,
  traceLotCodeKey,
  traceLotKey,
  traceLotKeys,
  traceLotPartition,
  traceScanKey,
  traceScanNetworkKey,
  traceScanPrefix,
  traceSerialKey,
} from '../keys/trace.ts';

const strip = (item: Record<string, unknown>) => {
  const { entity: _entity, eventVersion: _version, ...rest } = withoutKeys(item) as Record<string, unknown>;
  return rest;
};

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException || error instanceof TransactionCanceledException;

const toSerial = (item: Record<string, unknown>): SerialItem => {
  // `pinFailures` on items written before PIN tries moved to the attempt counter (core/limits): ignored.
  const { pinFailures: _legacy, ...rest } = strip(item) as Record<string, unknown>;
  return { scanCount: 0, ...rest } as unknown as SerialItem;
};

const toSerialOrUndefined = (item: Record<string, unknown> | undefined) =>
  item ? toSerial(item) : undefined;

/** DynamoDB transactions take at most 100 items. */
const TRANSACTION_LIMIT = 100;

export function traceRepository(db: Db): TraceRepository {
  const table = db.tableName;
  const query = async (input: Omit<QueryCommandInput, 'TableName'>) =>
    (await db.doc.send(new QueryCommand({ TableName: table, ...input }))).Items ?? [];
  /** Writes a marker item unless it exists; true when this call wrote it. */
  const putOnce = async (Key: Record<string, string>, at: string): Promise<boolean> => {
    try {
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...Key, entity: 'ScanNetwork', at },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  const get = async (Key: Record<string, string>) =>
    (await db.doc.send(new GetCommand({ TableName: table, Key }))).Item;

  return {
    async createFarm(farm: Farm) {
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...traceFarmKeys(farm), ...farm, entity: 'Farm' },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async getFarm(id) {
      const item = await get(traceFarmKey(id));
      return item ? farmSchema.parse(strip(item)) : undefined;
    },

    async listFarmsByOwner(ownerId, limit) {
      const { index, pk, skPrefix } = farmsByOwner(ownerId);
      const items = await query({
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        Limit: limit,
      });
      return items.map((item) => farmSchema.parse(strip(item)));
    },

    async addCertification(farmId, cert, max) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: table,
            Key: traceFarmKey(farmId),
            UpdateExpression: 'SET certifications = list_append(if_not_exists(certifications, :none), :cert)',
            ConditionExpression:
              'attribute_exists(PK) AND (attribute_not_exists(certifications) OR size(certifications) < :max)',
            ExpressionAttributeValues: { ':none': [], ':cert': [cert], ':max': max },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async listLotsByFarm(farmId, limit) {
      const { index, pk, skPrefix } = lotsByFarm(farmId);
      const items = await query({
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
        Limit: limit,
      });
      return items.map((item) => lotSchema.parse(strip(item)));
    },

    async gtinOwner(gtin) {
      const item = await get(gtinClaimKey(gtin));
      return typeof item?.ownerId === 'string' ? item.ownerId : undefined;
    },

    async createLot(lot: Lot) {
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              // A GTIN lot only under a GTIN its farm's owner holds (decision 0902), checked in the write itself.
              ...(lot.gtin
                ? [
                    {
                      ConditionCheck: {
                        TableName: table,
                        Key: gtinClaimKey(lot.gtin),
                        ConditionExpression: 'ownerId = :owner',
                        ExpressionAttributeValues: { ':owner': lot.ownerId },
                      },
                    },
                  ]
                : []),
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...traceLotCodeKey(lotNamespace(lot), lot.lotCode),
                    lotId: lot.id,
                    entity: 'LotCode',
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: { ...traceLotKeys(lot), ...lot, eventVersion: 0, entity: 'Lot' },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async getLot(id) {
      const item = await get(traceLotKey(id));
      return item ? lotSchema.parse(strip(item)) : undefined;
    },

    async findLotIdByCode(namespace, lotCode) {
      const item = await get(traceLotCodeKey(namespace, lotCode));
      return typeof item?.lotId === 'string' ? item.lotId : undefined;
    },

    async getLotHistory(id) {
      // 'EVENT#…' < 'LOT' < 'SCAN#…' < 'SERIAL#…': one range read gets the lot and its events, not its scans.
      const items = await query({
        KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': traceLotPartition(id),
          ':from': TRACE_EVENT_PREFIX,
          ':to': 'LOT',
        },
      });
      const lotItem = items.find((item) => item.SK === 'LOT');
      if (!lotItem) return undefined;
      const events = items
        .filter((item) => String(item.SK).startsWith(TRACE_EVENT_PREFIX))
        .map((item) => strip(item) as unknown as TraceEvent);
      return { lot: lotSchema.parse(strip(lotItem)), events, version: Number(lotItem.eventVersion ?? 0) };
    },

    async appendEvent(event, expectedVersion) {
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: traceLotKey(event.lotId),
                  UpdateExpression: 'SET eventVersion = :next',
                  ConditionExpression: 'eventVersion = :expected',
                  ExpressionAttributeValues: { ':expected': expectedVersion, ':next': expectedVersion + 1 },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...traceEventKey(event.lotId, event.time, event.id),
                    ...event,
                    entity: 'TraceEvent',
                  },
                  ConditionExpression: 'attribute_not_exists(PK)',
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async addSerials(lotId, serials, expectedCount, at) {
      const put = (serial: string) => ({
        Put: {
          TableName: table,
          Item: {
            ...traceSerialKey(lotId, serial),
            lotId,
            serial,
            createdAt: at,
            scanCount: 0,
            entity: 'Serial',
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      });
      const first = serials.slice(0, TRANSACTION_LIMIT - 1);
      try {
        // The counter moves in the same transaction as the first chunk, so two concurrent calls cannot both pass.
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: traceLotKey(lotId),
                  UpdateExpression: 'SET serialCount = :next',
                  ConditionExpression: 'serialCount = :expected',
                  ExpressionAttributeValues: {
                    ':expected': expectedCount,
                    ':next': expectedCount + serials.length,
                  },
                },
              },
              ...first.map(put),
            ],
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
      for (let i = first.length; i < serials.length; i += TRANSACTION_LIMIT) {
        await db.doc.send(
          new TransactWriteCommand({ TransactItems: serials.slice(i, i + TRANSACTION_LIMIT).map(put) }),
        );
      }
      return true;
    },

    async listSerials(lotId, limit) {
      const items = await query({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': traceLotPartition(lotId), ':prefix': TRACE_SERIAL_PREFIX },
        Limit: limit,
      });
      return items.map(toSerial);
    },

    async getSerial(lotId, serial) {
      const item = await get(traceSerialKey(lotId, serial));
      return item ? toSerial(item) : undefined;
    },

    async recordScan(scan: ScanEntry) {
      let state: SerialItem | undefined;
      if (scan.serial && scan.counted === false) {
        state = toSerialOrUndefined(await get(traceSerialKey(scan.lotId, scan.serial)));
      } else if (scan.serial) {
        // A network new to this serial counts once: the marker's conditional put decides, so of many
        // simultaneous scans from one network exactly one adds it. (A crash between the two writes can only
        // under-count a network: the safe direction for a warning.)
        const newNetwork = scan.network
          ? await putOnce(traceScanNetworkKey(scan.lotId, scan.serial, scan.network), scan.at)
          : false;
        try {
          const result = await db.doc.send(
            new UpdateCommand({
              TableName: table,
              Key: traceSerialKey(scan.lotId, scan.serial),
              UpdateExpression: `ADD scanCount :one${newNetwork ? ', networkCount :one' : ''} SET firstScanAt = if_not_exists(firstScanAt, :at), lastScanAt = :at`,
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeValues: { ':one': 1, ':at': scan.at },
              ReturnValues: 'ALL_NEW',
            }),
          );
          state = result.Attributes ? toSerial(result.Attributes) : undefined;
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
        }
      }
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...traceScanKey(scan.lotId, scan.serial, scan.at, randomUUID()), ...scan, entity: 'Scan' },
        }),
      );
      return state;
    },

    async recentScans(lotId, serial, limit) {
      const items = await query({
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': traceLotPartition(lotId), ':prefix': traceScanPrefix(serial) },
        ScanIndexForward: false,
        Limit: limit,
      });
      return items.map((item) => strip(item) as unknown as ScanEntry);
    },

    async raiseCloneAlert(alert: CloneAlert) {
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table,
                  Key: traceSerialKey(alert.lotId, alert.serial),
                  UpdateExpression: 'SET cloneAlertAt = :at',
                  ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(cloneAlertAt)',
                  ExpressionAttributeValues: { ':at': alert.at },
                },
              },
              {
                Put: {
                  TableName: table,
                  Item: {
                    ...cloneAlertKey(alert.ownerId, alert.at, alert.lotId, alert.serial),
                    ...alert,
                    entity: 'CloneAlert',
                  },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async listCloneAlerts(ownerId, limit) {
      const items = await query({
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': cloneAlertsPartition(ownerId) },
        ScanIndexForward: false,
        Limit: limit,
      });
      return items.map((item) => strip(item) as unknown as CloneAlert);
    },

    async markSold(lotId, serial, at) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: table,
            Key: traceSerialKey(lotId, serial),
            UpdateExpression: 'SET soldAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(soldAt)',
            ExpressionAttributeValues: { ':at': at },
          }),
        );
        return { soldAt: at, first: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const item = await get(traceSerialKey(lotId, serial));
        return { soldAt: String(item?.soldAt ?? at), first: false };
      }
    },
  };
}
