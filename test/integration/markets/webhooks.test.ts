import { marketsStore } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { channels, deliver, ids, ledgerEntriesFor, paymentItem, txId } from './support.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const HOURS = 3600 * 1000;

describe.each([
  { provider: 'sepay', channel: channels.vendor1, stallId: ids.stallTdA01 },
  { provider: 'payos', channel: channels.vendor2, stallId: ids.stallTdA02, memo: 'TD-A02' },
])('$provider-style webhook signatures', ({ provider, channel, stallId, memo }) => {
  it('a correctly signed notification credits the stall once', async () => {
    const transactionId = txId(provider);
    const response = await deliver(api, channel, {
      transactionId,
      amountVnd: 50_000,
      memo: memo ?? 'chuyen tien',
    });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ success: true, outcome: 'credited', stallId });
    expect(await ledgerEntriesFor(api.db, stallId, provider, transactionId)).toHaveLength(1);
  });

  it('a forged notification (tampered amount) is 401 and stores nothing', async () => {
    const transactionId = txId(`${provider}-forged`);
    const response = await deliver(
      api,
      channel,
      { transactionId, amountVnd: 50_000, memo: memo ?? '' },
      { tamper: (body) => body.replace('50000', '5000000') },
    );
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('invalid_signature');
    expect(await paymentItem(api.db, channel, transactionId)).toBeUndefined();
    expect(await ledgerEntriesFor(api.db, stallId, provider, transactionId)).toHaveLength(0);
  });

  it('a notification signed with another channel’s secret is 401', async () => {
    const transactionId = txId(`${provider}-wrongkey`);
    const response = await deliver(
      api,
      channel,
      { transactionId, amountVnd: 20_000 },
      { secret: 'not-the-channel-secret' },
    );
    expect(response.status).toBe(401);
    expect(await paymentItem(api.db, channel, transactionId)).toBeUndefined();
  });

  it('an unsigned notification is 401 and stores nothing', async () => {
    const transactionId = txId(`${provider}-unsigned`);
    const response =
      provider === 'payos'
        ? await deliver(
            api,
            channel,
            { transactionId, amountVnd: 20_000 },
            { tamper: (body) => body.replace(/,"signature":"[0-9a-f]+"/, '') },
          )
        : await api.request('POST', `/webhooks/bank/sepay/${channel.id}`, {
            rawBody: JSON.stringify({ id: transactionId, transferType: 'in', transferAmount: 20_000 }),
            headers: { 'content-type': 'application/json' },
          });
    expect(response.status).toBe(401);
    expect(await paymentItem(api.db, channel, transactionId)).toBeUndefined();
  });

  it('a stale notification is 401 and stores nothing', async () => {
    const transactionId = txId(`${provider}-stale`);
    const response =
      provider === 'sepay'
        ? await deliver(
            api,
            channel,
            { transactionId, amountVnd: 20_000 },
            { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
          )
        : await deliver(api, channel, {
            transactionId,
            amountVnd: 20_000,
            at: new Date(Date.now() - 25 * HOURS).toISOString(),
          });
    expect(response.status).toBe(401);
    expect(await paymentItem(api.db, channel, transactionId)).toBeUndefined();
  });

  it('a replayed notification is acknowledged as a duplicate and credits nothing more', async () => {
    const transactionId = txId(`${provider}-replay`);
    const first = await deliver(api, channel, { transactionId, amountVnd: 30_000, memo: memo ?? '' });
    const replay = await deliver(api, channel, { transactionId, amountVnd: 30_000, memo: memo ?? '' });
    expect(first.json.outcome).toBe('credited');
    expect(replay.status).toBe(200);
    expect(replay.json.outcome).toBe('duplicate');
    expect(await ledgerEntriesFor(api.db, stallId, provider, transactionId)).toHaveLength(1);
  });
});

describe('webhook channel and provider', () => {
  it('an unknown channel is 401', async () => {
    const response = await deliver(
      api,
      { ...channels.vendor1, id: 'ch-nope' },
      { amountVnd: 10_000 },
      { secret: 'x' },
    );
    expect(response.status).toBe(401);
  });

  it('a channel addressed with the wrong provider is 401', async () => {
    const response = await api.request('POST', `/webhooks/bank/payos/${channels.vendor1.id}`, {
      rawBody: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(401);
  });

  it('an unknown provider in the path is 400', async () => {
    const response = await api.request('POST', `/webhooks/bank/momo/${channels.vendor1.id}`, {
      rawBody: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
  });
});

describe('idempotent crediting', () => {
  it('100 concurrent deliveries of one transaction credit exactly once', async () => {
    const transactionId = txId('storm');
    const store = marketsStore(api.db);
    const day = new Date(Date.now() + 7 * HOURS).toISOString().slice(0, 10);
    const before = await store.stallDayTotal(ids.stallHdC01, day);
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        deliver(api, channels.vendor3, { transactionId, amountVnd: 77_000, memo: 'HD-C01' }),
      ),
    );
    const outcomes = responses.map((response) => response.json?.outcome ?? response.status);
    expect(outcomes.filter((outcome) => outcome === 'credited')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(99);
    expect(await ledgerEntriesFor(api.db, ids.stallHdC01, 'sepay', transactionId)).toHaveLength(1);
    const after = await store.stallDayTotal(ids.stallHdC01, day);
    expect(after.count - before.count).toBe(1);
    expect(after.totalVnd - before.totalVnd).toBe(77_000);
  });
});
