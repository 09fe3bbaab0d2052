import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Order,
  type OrderPaymentWrite,
  type OrderStatus,
  type OrderStore,
  orderSchema,
  type RecordedPayment,
  type RefundCase,
  releasesStock,
  unitsByProduct,
} from '@chophien/core';
import type { Db } from '../client.ts';
import { productKey, withoutKeys } from '../keys/foundation.ts';
import {
  holdSlotKey,
  holdSlotsPartition,
  orderCodeKey,
  orderKey,
  orderKeys,
  ordersAwaitingPayment,
  ordersByBuyer,
  ordersBySeller,
  payLinkKey,
} from '../keys/marketplace.ts';
import { PAYMENT_KEY_VERSION, paymentKey } from '../keys/payments.ts';
import { refundCaseItems } from '../refunds/refund-store.ts';
import { ttlAttribute } from '../table.ts';
import { isThrottled } from '../throttling.ts';
import { type TransactItems, transactWrite } from './transact.ts';

const toOrder = (item: Record<string, unknown>): Order => {
  const { type: _type, expiresAt: _expiresAt, ...rest } = withoutKeys(item) as Record<string, unknown>;
  return orderSchema.parse(rest);
};

/** Expired and cancelled unpaid orders are no sale; TTL removes them after this long. */
const CLOSED_UNPAID_RETENTION_SECONDS = 30 * 24 * 3600;

export function orderRepository(db: Db): OrderStore {
  const TableName = db.tableName;

  const paymentItem = (payment: RecordedPayment) => ({
    Put: {
      TableName,
      Item: {
        ...paymentKey(payment),
        type: 'Payment',
        keyVersion: PAYMENT_KEY_VERSION,
        area: 'marketplace',
        ...payment,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  });

  const queryOrders = async (
    index: { indexName: string; partitionKey: string },
    pk: string,
    limit: number,
  ) => {
    const result = await db.doc.send(
      new QueryCommand({
        TableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (result.Items ?? []).map(toOrder);
  };

  return {
    async create(orders, hold) {
      const items: TransactItems = [];
      for (const order of orders) {
        items.push({
          Put: {
            TableName,
            Item: { ...orderKeys(order), type: 'Order', ...order },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
        items.push({
          Put: {
            TableName,
            Item: { ...orderCodeKey(order.code), type: 'OrderCode', orderId: order.id },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
      }
      const units = unitsByProduct(orders.flatMap((order) => order.lines));
      const productIds = [...units.keys()];
      for (const productId of productIds) {
        items.push({
          Update: {
            TableName,
            Key: productKey(productId),
            UpdateExpression: 'SET #stock = #stock - :units',
            ConditionExpression: '#stock >= :units AND #status = :published',
            ExpressionAttributeNames: { '#stock': 'stock', '#status': 'status' },
            ExpressionAttributeValues: { ':units': units.get(productId), ':published': 'published' },
          },
        });
      }
      // Last, so the reason indexes above stay as they are; a 128-bit token does not collide.
      const payToken = orders[0]?.payToken;
      if (payToken) {
        items.push({
          Put: {
            TableName,
            Item: { ...payLinkKey(payToken), type: 'PayLink', orderIds: orders.map((o) => o.id) },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
      }
      // Last of all: the hold slot, taken only if it still holds what the checkout saw (compare-and-set).
      items.push({
        Put: {
          TableName,
          Item: {
            ...holdSlotKey(hold.buyerId, hold.slot),
            type: 'HoldSlot',
            slot: hold.slot,
            checkoutId: hold.checkoutId,
            orderIds: hold.orderIds,
            payBy: hold.payBy,
            // Kept a day past its hold; a slot past payBy is free whether or not TTL removed it.
            [ttlAttribute]: Math.floor(Date.parse(hold.payBy) / 1000) + 86_400,
          },
          ConditionExpression: hold.previousCheckoutId
            ? 'checkoutId = :previous'
            : 'attribute_not_exists(PK)',
          ...(hold.previousCheckoutId
            ? { ExpressionAttributeValues: { ':previous': hold.previousCheckoutId } }
            : {}),
        },
      });
      const outcome = await transactWrite(db, items);
      if (outcome.ok) return { ok: true };
      const failed = (index: number) => outcome.reasons[index] === 'ConditionalCheckFailed';
      const codeTaken = orders.some((_, i) => failed(i * 2 + 1));
      const shortages = productIds
        .filter((_, i) => failed(orders.length * 2 + i))
        .map((productId) => ({ productId }));
      return { ok: false, shortages, codeTaken, holdTaken: failed(items.length - 1) };
    },

    async holds(buyerId) {
      const { pk, skPrefix } = holdSlotsPartition(buyerId);
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
          ConsistentRead: true,
        }),
      );
      return (result.Items ?? []).map((item) => ({
        slot: Number(item.slot),
        checkoutId: String(item.checkoutId),
        orderIds: (item.orderIds as string[] | undefined) ?? [],
        payBy: String(item.payBy),
      }));
    },

    async getById(id) {
      const result = await db.doc.send(
        new GetCommand({ TableName, Key: orderKey(id), ConsistentRead: true }),
      );
      return result.Item ? toOrder(result.Item) : undefined;
    },

    async getByCode(code) {
      const claim = await db.doc.send(
        new GetCommand({ TableName, Key: orderCodeKey(code), ConsistentRead: true }),
      );
      const orderId = claim.Item?.orderId as string | undefined;
      return orderId ? this.getById(orderId) : undefined;
    },

    async listByPayToken(token) {
      const link = await db.doc.send(
        new GetCommand({ TableName, Key: payLinkKey(token), ConsistentRead: true }),
      );
      const ids = (link.Item?.orderIds as string[] | undefined) ?? [];
      const orders = await Promise.all(ids.map((id) => this.getById(id)));
      return orders.filter((order): order is Order => order !== undefined);
    },

    listByBuyer(buyerId, limit) {
      const { index, pk } = ordersByBuyer(buyerId);
      return queryOrders(index, pk, limit);
    },

    async listByFarmer(farmerId, query) {
      const { index, pk } = ordersBySeller(farmerId);
      if (!query.status) return queryOrders(index, pk, query.limit);
      // A farmer's orders are few; filtering one partition beats another index per status.
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          FilterExpression: '#status = :status',
          ExpressionAttributeNames: { '#pk': index.partitionKey, '#status': 'status' },
          ExpressionAttributeValues: { ':pk': pk, ':status': query.status },
          ScanIndexForward: false,
        }),
      );
      return (result.Items ?? []).slice(0, query.limit).map(toOrder);
    },

    async listOverdue(now, limit) {
      const { index, pk } = ordersAwaitingPayment();
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk AND #sk < :now',
          ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
          ExpressionAttributeValues: { ':pk': pk, ':now': now },
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map(toOrder);
    },

    async transition(order: Order, to: OrderStatus, at: string, by: string, refund?: RefundCase) {
      const closes = releasesStock(to);
      // A closed order that holds money keeps it as refund due, and is kept (no TTL) until refunded.
      const refundDue = closes && order.paidVnd > 0;
      const closesUnpaid = closes && !refundDue;
      const items: TransactItems = [
        {
          Update: {
            TableName,
            Key: orderKey(order.id),
            UpdateExpression: `SET #status = :to, updatedAt = :at, history = list_append(history, :entry)${
              closesUnpaid ? ', expiresAt = :ttl' : ''
            }${refundDue ? ', refundDueVnd = :paid' : ''} REMOVE GSI3PK, GSI3SK`,
            ConditionExpression: '#status = :from AND paidVnd = :paid',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':to': to,
              ':from': order.status,
              ':paid': order.paidVnd,
              ':at': at,
              ':entry': [{ status: to, at, by }],
              ...(closesUnpaid
                ? { ':ttl': Math.floor(Date.parse(at) / 1000) + CLOSED_UNPAID_RETENTION_SECONDS }
                : {}),
            },
          },
        },
      ];
      // The money it held becomes a refund case (decision 0706) in the same transaction.
      if (refundDue && refund) items.push(...refundCaseItems(TableName, refund));
      if (closes) {
        for (const [productId, units] of unitsByProduct(order.lines)) {
          items.push({
            Update: {
              TableName,
              Key: productKey(productId),
              UpdateExpression: 'ADD #stock :units',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#stock': 'stock' },
              ExpressionAttributeValues: { ':units': units },
            },
          });
        }
      }
      return (await transactWrite(db, items)).ok;
    },

    async paymentExists(payment) {
      const result = await db.doc.send(
        new GetCommand({
          TableName,
          Key: paymentKey(payment),
          ConsistentRead: true,
          ProjectionExpression: 'PK',
        }),
      );
      return result.Item !== undefined;
    },

    async applyPayment(write: OrderPaymentWrite) {
      const { order } = write;
      const becomesPaid = write.status === 'paid';
      const items: TransactItems = [
        paymentItem(write.payment),
        {
          Update: {
            TableName,
            Key: orderKey(order.id),
            UpdateExpression: `SET #status = :to, paidVnd = :paid, overpaidVnd = :over, updatedAt = :now${
              write.payment.payer ? ', payer = if_not_exists(payer, :payer)' : ''
            }${
              becomesPaid
                ? ', paidAt = :at, history = list_append(history, :entry) REMOVE GSI3PK, GSI3SK'
                : ''
            }`,
            ConditionExpression: '#status = :pending AND paidVnd = :before',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':to': write.status,
              ':paid': write.paidVnd,
              ':over': write.overpaidVnd,
              ':now': new Date().toISOString(),
              ':pending': 'pending_payment',
              ':before': order.paidVnd,
              ...(write.payment.payer ? { ':payer': write.payment.payer } : {}),
              ...(becomesPaid
                ? {
                    ':at': write.at,
                    ':entry': [{ status: 'paid', at: write.at, by: `bank:${write.payment.provider}` }],
                  }
                : {}),
            },
          },
        },
      ];
      // The surplus of an overpaid order goes back to the payer (decision 0706).
      if (write.refund) items.push(...refundCaseItems(TableName, write.refund));
      try {
        const outcome = await transactWrite(db, items);
        if (outcome.ok) return 'applied';
        if (outcome.reasons[0] === 'ConditionalCheckFailed') return 'duplicate';
        return 'stale';
      } catch (error) {
        // Still contended after transactWrite's own retries: the use-case reads again, then answers 503.
        if (isThrottled(error) || error instanceof TransactionCanceledException) return 'stale';
        throw error;
      }
    },

    async recordUncreditedPayment(payment, refund) {
      const outcome = await transactWrite(db, [
        paymentItem(payment),
        ...(refund ? refundCaseItems(TableName, refund) : []),
      ]);
      if (outcome.ok) return 'recorded';
      if (outcome.reasons[0] === 'ConditionalCheckFailed') return 'duplicate';
      // A refund code clash (one in a billion): nothing was written, the caller retries with a new case.
      return 'stale';
    },
  };
}
