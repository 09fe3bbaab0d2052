/**
 * Decision 0704 on DynamoDB Local: a notification proves only what its channel may report, and a
 * transaction is idempotent per (provider, receiving account, transaction id).
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { localMetrics, NOTIFICATION_METRIC } from '@chophien/core';
import { marketsStore, orderRepository, rekeyLegacyPayments } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runMigrateCommand } from '../../../infra/local/src/migrate-cli.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { phones as marketplacePhones, TEA } from '../marketplace/fixtures.ts';
import {
  channels,
  deliver,
  ids,
  ledgerEntriesFor,
  paymentItem,
  payoutChannels,
  phones,
  placeOrder,
  txId,
} from './support.ts';

let api: TestApi;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  api = await startTestApi();
  tokens.vendor2 = await api.tokenFor({ phone: phones.vendor2 });
  tokens.buyer = await api.tokenFor({ phone: marketplacePhones.buyer });
});
afterAll(async () => {
  await api?.stop();
});

const farmer1Channel = payoutChannels.farmer1;
const orderTea = () => placeOrder(api, tokens.buyer!, { productId: TEA, packId: '100-g-pack' });

async function newSale(stallId: string, amountVnd: number) {
  const response = await api.request('POST', `/stalls/${stallId}/sales`, {
    token: tokens.vendor2!,
    body: { amountVnd },
  });
  expect(response.status).toBe(201);
  return response.json.sale as { code: string };
}

const rejectedCount = () =>
  localMetrics.total(NOTIFICATION_METRIC, { outcome: 'rejected', reason: 'account_not_on_channel' });

describe('cross-channel notifications credit nothing they may not report', () => {
  it('an order: another channel’s secret over the order’s account is refused, counted, nothing stored', async () => {
    const order = await orderTea();
    const transactionId = txId('x-order');
    const before = rejectedCount();
    const response = await deliver(api, channels.vendor1, {
      transactionId,
      amountVnd: order.totalVnd,
      memo: order.code,
      accountNumber: farmer1Channel.accountNumber,
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ outcome: 'rejected', reason: 'account_not_on_channel' });
    expect(rejectedCount()).toBe(before + 1);
    expect((await orderRepository(api.db).getById(order.id))?.status).toBe('pending_payment');
    expect(await paymentItem(api.db, farmer1Channel, transactionId)).toBeUndefined();
    expect(await paymentItem(api.db, channels.vendor1, transactionId)).toBeUndefined();
  });

  it('an order: a memo naming it on a channel that does not hold its account leaves it unpaid', async () => {
    const order = await orderTea();
    const transactionId = txId('x-order-memo');
    const response = await deliver(api, channels.vendor1, {
      transactionId,
      amountVnd: order.totalVnd,
      memo: order.code,
    });
    // The money went into vendor 1's own account: it is vendor 1's takings, never the order's payment.
    expect(response.json).toMatchObject({ outcome: 'credited', stallId: ids.stallTdA01 });
    expect((await orderRepository(api.db).getById(order.id))?.paidVnd).toBe(0);
    // The genuine payment on the farmer's own channel still pays it.
    const genuine = await deliver(api, farmer1Channel, { amountVnd: order.totalVnd, memo: order.code });
    expect(genuine.json).toMatchObject({ outcome: 'order', kind: 'paid', orderId: order.id });
  });

  it('a sale: another vendor’s channel cannot pay it, with its own account or the sale’s', async () => {
    const sale = await newSale(ids.stallTdB01, 80_000);
    const forged = await deliver(api, channels.vendor1, {
      amountVnd: 80_000,
      memo: sale.code,
      accountNumber: channels.vendor2.accountNumber,
    });
    expect(forged.json).toMatchObject({ outcome: 'rejected', reason: 'account_not_on_channel' });
    const ownAccount = await deliver(api, channels.vendor1, { amountVnd: 80_000, memo: sale.code });
    expect(ownAccount.json).toMatchObject({ outcome: 'credited', stallId: ids.stallTdA01 });
    expect(ownAccount.json.saleCode).toBeUndefined();
    expect(await marketsStore(api.db).getSale(sale.code)).toMatchObject({ status: 'open' });
  });

  it('a stall: a stall code of another vendor credits only the channel’s own stall', async () => {
    const transactionId = txId('x-stall');
    const response = await deliver(api, channels.vendor3, {
      transactionId,
      amountVnd: 33_000,
      memo: 'TD-B01',
    });
    expect(response.json).toMatchObject({ outcome: 'credited', stallId: ids.stallHdC01 });
    expect(await ledgerEntriesFor(api.db, ids.stallTdB01, 'sepay', transactionId)).toHaveLength(0);
    const forged = await deliver(api, channels.vendor3, {
      amountVnd: 33_000,
      memo: 'TD-B01',
      accountNumber: channels.vendor2.accountNumber,
    });
    expect(forged.json).toMatchObject({ outcome: 'rejected' });
  });
});

describe('idempotency per (provider, receiving account, transaction id)', () => {
  it('a transaction id claimed first on one channel does not drop the genuine one on another', async () => {
    const shared = txId('pre-claimed');
    const attacker = await deliver(api, channels.vendor4, {
      transactionId: shared,
      amountVnd: 1_000,
      memo: '',
    });
    expect(attacker.json.outcome).toBe('credited');
    const genuine = await deliver(api, channels.vendor2, {
      transactionId: shared,
      amountVnd: 52_000,
      memo: 'TD-A02',
    });
    expect(genuine.json).toMatchObject({ outcome: 'credited', stallId: ids.stallTdA02 });
    expect(await ledgerEntriesFor(api.db, ids.stallTdA02, 'payos', shared)).toHaveLength(1);
  });

  it('the same id legitimately on two accounts credits each once; a redelivery of either is a duplicate', async () => {
    const shared = txId('FT-same');
    const first = await deliver(api, channels.vendor1, {
      transactionId: shared,
      amountVnd: 11_000,
      memo: '',
    });
    const second = await deliver(api, channels.vendor3, {
      transactionId: shared,
      amountVnd: 22_000,
      memo: '',
    });
    expect([first.json.outcome, second.json.outcome]).toEqual(['credited', 'credited']);
    const again = await deliver(api, channels.vendor3, {
      transactionId: shared,
      amountVnd: 22_000,
      memo: '',
    });
    expect(again.json.outcome).toBe('duplicate');
    expect(await ledgerEntriesFor(api.db, ids.stallTdA01, 'sepay', shared)).toHaveLength(1);
    expect(await ledgerEntriesFor(api.db, ids.stallHdC01, 'sepay', shared)).toHaveLength(1);
  });

  it('100 concurrent deliveries over two channels with shared and distinct ids: exactly the right credits', async () => {
    const tag = txId('storm2');
    const sharedIds = Array.from({ length: 10 }, (_, i) => `${tag}-S${i}`);
    const onlyA = Array.from({ length: 5 }, (_, i) => `${tag}-A${i}`);
    const onlyB = Array.from({ length: 5 }, (_, i) => `${tag}-B${i}`);
    const a = channels.vendor1;
    const b = channels.vendor3;
    const sends: Array<{ channel: typeof a; transactionId: string; amountVnd: number }> = [];
    for (const id of sharedIds) {
      for (let i = 0; i < 3; i++) sends.push({ channel: a, transactionId: id, amountVnd: 1_000 });
      for (let i = 0; i < 2; i++) sends.push({ channel: b, transactionId: id, amountVnd: 2_000 });
    }
    for (const id of onlyA)
      for (let i = 0; i < 5; i++) sends.push({ channel: a, transactionId: id, amountVnd: 3_000 });
    for (const id of onlyB)
      for (let i = 0; i < 5; i++) sends.push({ channel: b, transactionId: id, amountVnd: 4_000 });
    expect(sends).toHaveLength(100);
    const responses = await Promise.all(
      sends.map((send) =>
        deliver(api, send.channel, {
          transactionId: send.transactionId,
          amountVnd: send.amountVnd,
          memo: '',
        }),
      ),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const outcomes = responses.map((response) => response.json.outcome as string);
    expect(outcomes.filter((outcome) => outcome === 'credited')).toHaveLength(30);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(70);
    const ledgerA = (await marketsStore(api.db).ledgerOfStall(ids.stallTdA01)).filter((entry) =>
      entry.providerTransactionId.startsWith(tag),
    );
    const ledgerB = (await marketsStore(api.db).ledgerOfStall(ids.stallHdC01)).filter((entry) =>
      entry.providerTransactionId.startsWith(tag),
    );
    expect(ledgerA).toHaveLength(15);
    expect(ledgerB).toHaveLength(15);
    expect(ledgerA.reduce((sum, entry) => sum + entry.amountVnd, 0)).toBe(10 * 1_000 + 5 * 3_000);
    expect(ledgerB.reduce((sum, entry) => sum + entry.amountVnd, 0)).toBe(10 * 2_000 + 5 * 4_000);
  });
});

describe('re-keying legacy payment items (connected)', () => {
  it('moves a pre-0704 item to its account’s key, so a redelivery is still a duplicate; a second run does nothing', async () => {
    const transactionId = txId('legacy');
    await api.db.doc.send(
      new PutCommand({
        TableName: api.db.tableName,
        Item: {
          PK: `PAYMENT#sepay#${transactionId}`,
          SK: 'PAYMENT',
          type: 'Payment',
          provider: 'sepay',
          providerTransactionId: transactionId,
          amountVnd: 64_000,
          memo: '',
          receivedAt: new Date().toISOString(),
          receivingAccount: { accountNumber: channels.vendor1.accountNumber },
          attribution: { kind: 'stall', stallId: ids.stallTdA01, via: 'sole_stall' },
        },
      }),
    );
    const report = await rekeyLegacyPayments(api.db);
    expect(report.rekeyed).toBeGreaterThanOrEqual(1);
    expect(report.unresolved).not.toContain(`PAYMENT#sepay#${transactionId}`);
    expect(await paymentItem(api.db, channels.vendor1, transactionId)).toMatchObject({
      keyVersion: 2,
      channelId: channels.vendor1.id,
      amountVnd: 64_000,
    });
    const redelivery = await deliver(api, channels.vendor1, { transactionId, amountVnd: 64_000, memo: '' });
    expect(redelivery.json.outcome).toBe('duplicate');
    const again = await runMigrateCommand([], {
      TABLE_NAME: api.db.tableName,
      DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
    });
    expect(again.code).toBe(0);
    expect(again.lines).toContain('Giao dịch chuyển khóa / payments re-keyed: 0');
  });
});
