import { readFileSync } from 'node:fs';
import {
  type AlertChannel,
  type AlertDeps,
  type AlertEvent,
  type AlertMessage,
  type BankProvider,
  defaultAlertPreferences,
  raiseAlert,
  releaseHeldAlerts,
} from '@chophien/core';
import { alertStore, channelsOfAccountKey, userRepository } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { contact, farmer1Account, TEA } from '../marketplace/fixtures.ts';
import { deliver, txId } from '../markets/support.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const farmer1 = seedId('farmer', 1);

/** A channel that counts what it was asked to deliver (and can be made to fail). */
function countingChannel(name: AlertChannel['name'], options: { failFirst?: number } = {}) {
  const sent: Array<{ userId: string; message: AlertMessage; silent: boolean }> = [];
  let failures = options.failFirst ?? 0;
  const channel: AlertChannel = {
    name,
    async deliver(recipient, message, { silent }) {
      // A provider takes a moment: concurrent raises overlap for real.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (failures > 0) {
        failures -= 1;
        throw new Error('provider down');
      }
      sent.push({ userId: recipient.userId, message, silent });
      return 'sent';
    },
  };
  return { channel, sent };
}

function deps(channels: AlertChannel[], now = new Date()): AlertDeps {
  return { alerts: alertStore(api.db), users: userRepository(api.db), channels, clock: { now: () => now } };
}

const event = (eventId: string): AlertEvent => ({
  kind: 'order_paid',
  eventId,
  recipientId: farmer1,
  at: new Date().toISOString(),
  orderCode: 'CP7K2M9Q',
  totalVnd: 180_000,
  link: 'http://127.0.0.1:4321/nong-dan',
});

// 10:00 in Vietnam: outside the default quiet hours (21:00–06:00).
const DAYTIME = new Date('2026-11-20T03:00:00Z');
const NIGHT = new Date('2026-11-20T16:00:00Z'); // 23:00 in Vietnam

describe('alerts once and only once (connected)', () => {
  it('ten simultaneous raises of one event: one SMS, one push', async () => {
    const sms = countingChannel('sms');
    const push = countingChannel('push');
    const d = deps([sms.channel, push.channel], DAYTIME);
    const e = event(`dup-${txId('e')}`);
    await Promise.all(Array.from({ length: 10 }, () => raiseAlert(d, e)));
    expect(sms.sent).toHaveLength(1);
    expect(push.sent).toHaveLength(1);
    expect(sms.sent[0]!.message.text).toContain('CP7K2M9Q');
    expect(sms.sent[0]!.message.text).toContain('180.000');
    const stored = await alertStore(api.db).get(farmer1, `order_paid#${e.eventId}`);
    expect(stored?.deliveries).toEqual({ sms: { state: 'sent' }, push: { state: 'sent' } });
  });

  it('a channel that failed hands its claim back: the next raise of the same event sends it, once', async () => {
    const sms = countingChannel('sms', { failFirst: 1 });
    const push = countingChannel('push');
    const d = deps([sms.channel, push.channel], DAYTIME);
    const e = event(`retry-${txId('e')}`);
    await raiseAlert(d, e);
    expect(sms.sent).toHaveLength(0);
    expect(push.sent).toHaveLength(1);
    await Promise.all([raiseAlert(d, e), raiseAlert(d, e), raiseAlert(d, e)]);
    expect(sms.sent).toHaveLength(1);
    expect(push.sent).toHaveLength(1);
  });

  it('quiet hours: the push arrives silently now, the SMS waits for the morning and goes once', async () => {
    const sms = countingChannel('sms');
    const push = countingChannel('push');
    const e = event(`quiet-${txId('e')}`);
    await raiseAlert(deps([sms.channel, push.channel], NIGHT), e);
    expect(push.sent).toMatchObject([{ silent: true }]);
    expect(sms.sent).toHaveLength(0);
    const stored = await alertStore(api.db).get(farmer1, `order_paid#${e.eventId}`);
    expect(stored?.deliveries.sms).toEqual({ state: 'held', notBefore: '2026-11-20T23:00:00.000Z' });
    // Still night: nothing goes.
    await releaseHeldAlerts(deps([sms.channel, push.channel], new Date('2026-11-20T20:00:00Z')));
    expect(sms.sent).toHaveLength(0);
    // Morning, two schedulers at once: one SMS.
    const morning = deps([sms.channel, push.channel], new Date('2026-11-20T23:05:00Z'));
    await Promise.all([releaseHeldAlerts(morning), releaseHeldAlerts(morning)]);
    expect(sms.sent).toHaveLength(1);
    expect(push.sent).toHaveLength(1);
    expect((await alertStore(api.db).get(farmer1, `order_paid#${e.eventId}`))?.heldUntil).toBeUndefined();
  });

  it('a person who turned a kind off for SMS gets only the push', async () => {
    const userId = seedId('farmer', 2);
    await alertStore(api.db).putPreferences(userId, {
      ...defaultAlertPreferences,
      kinds: { ...defaultAlertPreferences.kinds, stock_low: { sms: false, push: true, zalo: false } },
    });
    const sms = countingChannel('sms');
    const push = countingChannel('push');
    await raiseAlert(deps([sms.channel, push.channel], DAYTIME), {
      kind: 'stock_low',
      eventId: `p-${txId('s')}`,
      recipientId: userId,
      at: DAYTIME.toISOString(),
      productTitle: 'Na La Hiên',
      remaining: '2 kg',
      link: 'x',
    });
    expect(sms.sent).toHaveLength(0);
    expect(push.sent).toHaveLength(1);
  });
});

describe('alerts raised by the platform (connected, real webhook and checkout)', () => {
  const outbox = () => {
    const file = process.env.CHOPHIEN_OUTBOX_FILE!;
    try {
      return readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { to: string; text: string });
    } catch {
      return [];
    }
  };
  let token: string;
  beforeAll(async () => {
    token = await api.tokenFor({ phone: '+84912000001' });
    // No quiet hours, whatever time the suite runs at.
    const put = await api.request('PUT', '/alerts/preferences', {
      token,
      body: { ...defaultAlertPreferences, quietHours: null },
    });
    expect(put.status).toBe(200);
  });

  it('a paid order texts its farmer once, though the bank delivers the notification three times', async () => {
    const buyer = await api.tokenFor({ phone: '+84987000001' });
    const placed = await api.request('POST', '/orders', {
      token: buyer,
      body: { items: [{ productId: TEA, packId: '100-g-pack', quantity: 1 }], fulfilment: 'pickup', contact },
    });
    expect(placed.status).toBe(201);
    const order = placed.json.orders[0];
    const transactionId = txId('alert');
    const channel = await farmerChannel(farmer1Account.bin, farmer1Account.accountNumber);
    for (let i = 0; i < 3; i++) {
      const response = await deliver(api, channel, {
        amountVnd: order.totalVnd,
        memo: order.code,
        transactionId,
      });
      expect(response.status).toBe(200);
    }
    const mine = outbox().filter((m) => m.to === '+84912000001' && m.text.includes(order.code));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.text).toContain('đã được thanh toán đủ');
    const listed = await api.request('GET', '/alerts', { token });
    expect(listed.json.alerts.some((a: { key: string }) => a.key === `order_paid#${order.id}`)).toBe(true);
  });

  it('preferences: owner only, validated with field messages; other roles refused', async () => {
    const bad = await api.request('PUT', '/alerts/preferences', {
      token,
      body: { ...defaultAlertPreferences, quietHours: { from: '25:00', to: '06:00' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.fields)).toContain('Giờ viết dạng');
    for (const phone of ['+84987000001', '+84987000021', '+84987000031', '+84987000041']) {
      const other = await api.tokenFor({ phone });
      expect((await api.request('GET', '/alerts/preferences', { token: other })).status).toBe(403);
      expect(
        (await api.request('PUT', '/alerts/preferences', { token: other, body: defaultAlertPreferences }))
          .status,
      ).toBe(403);
      expect(
        (await api.request('POST', '/alerts/push-subscriptions', { token: other, body: {} })).status,
      ).toBe(403);
    }
    expect((await api.request('GET', '/alerts')).status).toBe(401);
    const vendor = await api.tokenFor({ phone: '+84987000011' });
    // A vendor's settings are theirs: the farmer's choice above is not what the vendor reads.
    expect((await api.request('GET', '/alerts/preferences', { token: vendor })).json.isDefault).toBe(true);
  });

  it('a push subscription must be an https endpoint with real keys', async () => {
    const bad = await api.request('POST', '/alerts/push-subscriptions', {
      token,
      body: { endpoint: 'http://127.0.0.1:1/x', keys: { p256dh: 'x', auth: 'y' } },
    });
    expect(bad.status).toBe(400);
    const key = await api.request('GET', '/alerts/preferences', { token });
    expect(key.json.pushKey).toMatch(/^[A-Za-z0-9_-]{80,}$/);
  });
});

/** The seeded farmer's notification channel for their payout account (seeded farmers' accounts have channels). */
async function farmerChannel(bin: string, accountNumber: string) {
  const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
  const key = channelsOfAccountKey(bin, accountNumber);
  const result = await api.db.doc.send(
    new QueryCommand({
      TableName: api.db.tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': key.GSI2PK },
    }),
  );
  const item = result.Items?.[0];
  if (!item) throw new Error(`no seeded channel for ${bin}/${accountNumber}`);
  return { id: item.id as string, provider: item.provider as BankProvider, accountNumber };
}
