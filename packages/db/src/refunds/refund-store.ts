/**
 * Refund cases on the single table. Cases are created inside the transactions that make them
 * (`refundCaseItems`, used by the order repository and the markets store); this store reads and closes.
 */

import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { RefundCase, RefundStore } from '@chophien/core';
import type { Db } from '../client.ts';
import { withoutKeys } from '../keys/foundation.ts';
import {
  OPEN_REFUNDS,
  refundCodeKey,
  refundKey,
  refundKeys,
  refundsOfMarketKey,
  refundsOfOrderKey,
  refundsOfOwnerKey,
} from '../keys/payments.ts';
import { indexes } from '../table.ts';

/** The case item and its code claim, both conditional: to add to the transaction that opens the case. */
export function refundCaseItems(tableName: string, refund: RefundCase) {
  return [
    {
      Put: {
        TableName: tableName,
        Item: { ...refundKeys(refund), type: 'RefundCase', ...refund },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: { ...refundCodeKey(refund.code), type: 'RefundCode', refundId: refund.id },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

const toCase = (item: Record<string, unknown>): RefundCase => {
  const { type: _type, ...rest } = withoutKeys(item) as Record<string, unknown>;
  return rest as unknown as RefundCase;
};

export function refundStore(db: Db): RefundStore {
  const TableName = db.tableName;
  const byIndex = async (index: keyof typeof indexes, pk: string) => {
    const definition = indexes[index];
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    for (let page = 0; page < 20; page++) {
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          IndexName: definition.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': definition.partitionKey },
          ExpressionAttributeValues: { ':pk': pk },
          ScanIndexForward: false,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      items.push(...(result.Items ?? []));
      start = result.LastEvaluatedKey;
      if (!start) break;
    }
    return items.map(toCase);
  };

  return {
    async getRefund(id) {
      const result = await db.doc.send(
        new GetCommand({ TableName, Key: refundKey(id), ConsistentRead: true }),
      );
      return result.Item ? toCase(result.Item) : undefined;
    },
    async getRefundByCode(code) {
      const claim = await db.doc.send(
        new GetCommand({ TableName, Key: refundCodeKey(code), ConsistentRead: true }),
      );
      const refundId = claim.Item?.refundId as string | undefined;
      return refundId ? this.getRefund(refundId) : undefined;
    },
    listRefundsOfOwner: (ownerId) => byIndex('byOwner', refundsOfOwnerKey(ownerId).GSI1PK),
    listRefundsOfMarket: (marketId) => byIndex('byCode', refundsOfMarketKey(marketId).GSI2PK),
    listRefundsOfOrder: (orderId) => byIndex('byCode', refundsOfOrderKey(orderId).GSI2PK),
    listOpenRefunds: () => byIndex('byTime', OPEN_REFUNDS),
    async closeRefund(id, close) {
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName,
                  Key: refundKey(id),
                  UpdateExpression:
                    'SET #status = :refunded, closedAt = :at, closedBy = :by, closedVia = :via, bankReference = :ref, history = list_append(history, :step) REMOVE GSI3PK, GSI3SK',
                  ConditionExpression: '#status = :open',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: {
                    ':refunded': 'refunded',
                    ':open': 'open',
                    ':at': close.at,
                    ':by': close.by,
                    ':via': close.via,
                    ':ref': close.bankReference,
                    ':step': [close.step],
                  },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException) {
          const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
          if (reasons.includes('ConditionalCheckFailed')) return false;
        }
        throw error;
      }
    },
  };
}
