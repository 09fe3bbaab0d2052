import { marketsStore } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pay } from '../../../infra/local/src/bank/simulator.ts';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { channelSecret, lastSmsCode } from '../markets/support.ts';
import { CUSTARD_APPLE, contact, type FieldJson, phones } from './fixtures.ts';

let api: TestApi;
const tokens: Record<keyof typeof phones, string> = {} as never;
beforeAll(async () => {
  api = await startTestApi();
  for (const [who, phone] of Object.entries(phones))
    tokens[who as keyof typeof phones] = await api.tokenFor({ phone });
});
afterAll(async () => {
  await api?.stop();
});

const farmer2 = seedId('farmer', 2);
const farmer3 = seedId('farmer', 3);
const newAccount = {
  bin: '970436',
  accountNumber: '0451000123999',
  holderName: 'HOANG THI LAN',
  provider: 'payos',
};

const requestChange = (token: string | undefined, body: unknown = newAccount) =>
  api.request('POST', '/seller/payout-account/changes', { ...(token ? { token } : {}), body });
const confirmChange = (token: string | undefined, changeId: string, code: string) =>
  api.request('POST', `/seller/payout-account/changes/${changeId}/confirm`, {
    ...(token ? { token } : {}),
    body: { code },
  });
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

async function placeCustardAppleOrder() {
  const placed = await api.request('POST', '/orders', {
    token: tokens.buyer,
    body: {
      items: [{ productId: CUSTARD_APPLE, packId: '1-kg-box', quantity: 1 }],
      fulfilment: 'pickup',
      contact,
    },
  });
  expect(placed.status).toBe(201);
  return placed.json.orders[0] as {
    id: string;
    code: string;
    totalVnd: number;
    payTo: { bankBin: string; accountNumberMasked: string };
  };
}

const context = () => ({ db: api.db, apiUrl: api.url, secretsFile: process.env.MARKETS_SECRETS_FILE! });
const statusOf = async (orderId: string) =>
  (await api.request('GET', `/orders/${orderId}`, { token: tokens.buyer })).json.status;

describe('farmer payout account change (connected)', () => {
  it('takes the code sent to the farmer’s phone; sets the payout account and its channel; orders to it get paid by the bank', async () => {
    // An order placed before the change still pays to the old (seeded) account.
    const before = await placeCustardAppleOrder();
    expect(before.payTo.bankBin).toBe('970418');

    const request = await requestChange(tokens.farmer2);
    expect(request.status).toBe(201);
    const { changeId } = request.json;
    expect(JSON.stringify(request.json)).not.toContain(lastSmsCode(farmer2));
    const code = lastSmsCode(farmer2);

    // Another farmer holding the right code still cannot confirm it: the change is the owner's own.
    expect((await confirmChange(tokens.farmer3, changeId, code)).status).toBe(404);
    const bad = await confirmChange(tokens.farmer2, changeId, wrongCode(code));
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('invalid_code');
    // Nothing changed yet.
    expect((await api.request('GET', '/seller/payout-account', { token: tokens.farmer2 })).json.bankBin).toBe(
      '970418',
    );

    const good = await confirmChange(tokens.farmer2, changeId, code);
    expect(good.status).toBe(200);
    expect(good.json).toMatchObject({
      provider: 'payos',
      webhookPath: expect.stringMatching(/^\/webhooks\/bank\/payos\//),
    });
    expect(JSON.stringify(good.json)).not.toMatch(/secret/i);
    expect((await confirmChange(tokens.farmer2, changeId, code)).status).toBe(404);

    const payout = await api.request('GET', '/seller/payout-account', { token: tokens.farmer2 });
    expect(payout.json).toMatchObject({
      bankBin: '970436',
      accountNumber: '0451000123999',
      accountName: 'HOANG THI LAN',
      farmerId: farmer2,
    });

    // The channel the bank reports through exists, with its secret, for exactly this account.
    const store = marketsStore(api.db);
    const [channel] = await store.channelsOfAccount('970436', '0451000123999');
    expect(channel).toMatchObject({ id: good.json.channelId, provider: 'payos', vendorId: farmer2 });
    expect(channelSecret(good.json.channelId)).toMatch(/^[\w-]{40,}$/);
    const accounts = await store.listAccounts(farmer2);
    expect(accounts.filter((account) => account.status === 'active').map((account) => account.id)).toEqual([
      good.json.accountId,
    ]);

    // Both steps and the failed code are audit-logged, numbers masked.
    const audit = await store.listAudit(farmer2);
    expect(audit.map((entry) => entry.action).sort()).toEqual([
      'account_change_confirmed',
      'account_change_failed',
      'account_change_requested',
    ]);
    expect(audit.every((entry) => entry.details.owner === 'farmer')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('0451000123999');

    // A new order pays to the new account; the bank's notification on the new channel marks it paid.
    const after = await placeCustardAppleOrder();
    expect(after.payTo.bankBin).toBe('970436');
    expect(after.payTo.accountNumberMasked).toMatch(/3999$/);
    const paid = await pay({ to: after.code, amountVnd: after.totalVnd }, context());
    expect(paid.channel.id).toBe(good.json.channelId);
    expect(paid.deliveries).toEqual([
      { status: 200, body: expect.objectContaining({ outcome: 'order', kind: 'paid', orderId: after.id }) },
    ]);
    expect(await statusOf(after.id)).toBe('paid');

    // The order placed before the change still gets paid through the old account's channel.
    const old = await pay({ to: before.code, amountVnd: before.totalVnd }, context());
    expect(old.channel.id).not.toBe(good.json.channelId);
    expect(old.deliveries[0]?.status).toBe(200);
    expect(await statusOf(before.id)).toBe('paid');
  });

  it('an expired-by-attempts code cannot be confirmed even when right', async () => {
    const request = await requestChange(tokens.farmer3, { ...newAccount, accountNumber: '1023456777' });
    const code = lastSmsCode(farmer3);
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await confirmChange(tokens.farmer3, request.json.changeId, wrongCode(code))).status).toBe(422);
    expect((await confirmChange(tokens.farmer3, request.json.changeId, code)).status).toBe(422);
    expect(
      (await api.request('GET', '/seller/payout-account', { token: tokens.farmer3 })).json.accountNumber,
    ).toBe('1023456003');
  });

  it('refuses an unknown bank or a malformed account with field-level messages and writes nothing', async () => {
    const response = await requestChange(tokens.farmer1, {
      bin: '123456',
      accountNumber: '12ab',
      holderName: 'Nguyễn Văn Thành',
      provider: 'sepay',
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields.map((field: FieldJson) => field.path).sort()).toEqual([
      'body.accountNumber',
      'body.bin',
      'body.holderName',
    ]);
    expect(response.json.error.fields[0].messages).toMatchObject({
      vi: expect.any(String),
      en: expect.any(String),
    });
    expect(await marketsStore(api.db).listAudit(seedId('farmer', 1))).toEqual([]);
    const noProvider = await requestChange(tokens.farmer1, { ...newAccount, provider: 'momo' });
    expect(noProvider.status).toBe(400);
    expect(noProvider.json.error.fields.map((field: FieldJson) => field.path)).toEqual(['body.provider']);
  });

  it('the old one-step PUT is gone', async () => {
    const put = await api.request('PUT', '/seller/payout-account', {
      token: tokens.farmer1,
      body: { bankBin: '970436', accountNumber: '0451000123999', accountName: 'NGUYEN VAN THANH' },
    });
    expect([404, 405]).toContain(put.status);
    expect((await api.request('GET', '/seller/payout-account', { token: tokens.farmer1 })).json.bankBin).toBe(
      '970405',
    );
  });
});

describe('who may change a farmer’s payout account', () => {
  // Payouts always go to the farmer's own account: a commune officer helping a household may list
  // its produce but never redirect its money.
  it.each(['officer', 'buyer', 'vendor', 'manager', 'admin'] as const)(
    'a %s may not request a change',
    async (who) => {
      expect((await requestChange(tokens[who])).status).toBe(403);
    },
  );

  it.each(['officer', 'buyer', 'vendor', 'manager', 'admin'] as const)(
    'a %s may not confirm one, even with the code',
    async (who) => {
      const request = await requestChange(tokens.farmer1, { ...newAccount, accountNumber: '3904205999001' });
      expect(request.status).toBe(201);
      const response = await confirmChange(
        tokens[who],
        request.json.changeId,
        lastSmsCode(seedId('farmer', 1)),
      );
      expect(response.status).toBe(403);
    },
  );

  it('no token is 401 on both steps', async () => {
    expect((await requestChange(undefined)).status).toBe(401);
    expect((await confirmChange(undefined, '01HZZZZZZZZZZZZZZZZZZZZZZZ', '123456')).status).toBe(401);
  });

  it('the farmer reads their own account in full; the GET is for farmers only', async () => {
    const own = await api.request('GET', '/seller/payout-account', { token: tokens.farmer1 });
    expect(own.status).toBe(200);
    expect(own.json.accountNumber).toBe('3904205123001');
    for (const who of ['officer', 'buyer', 'vendor', 'manager', 'admin'] as const)
      expect((await api.request('GET', '/seller/payout-account', { token: tokens[who] })).status).toBe(403);
    expect((await api.request('GET', '/seller/payout-account', {})).status).toBe(401);
  });

  it('a vendor cannot use the farmers’ confirm route, nor a farmer the vendors’', async () => {
    const vendorChange = await api.request('POST', '/vendor/payment-account/changes', {
      token: tokens.vendor,
      body: { ...newAccount, accountNumber: '100870009999' },
    });
    expect(vendorChange.status).toBe(201);
    expect((await confirmChange(tokens.vendor, vendorChange.json.changeId, '000000')).status).toBe(403);
    const farmerChange = await requestChange(tokens.farmer3, { ...newAccount, accountNumber: '1023456888' });
    const onVendorRoute = await api.request(
      'POST',
      `/vendor/payment-account/changes/${farmerChange.json.changeId}/confirm`,
      { token: tokens.farmer3, body: { code: lastSmsCode(farmer3) } },
    );
    expect(onVendorRoute.status).toBe(403);
    expect(await marketsStore(api.db).listAccounts(farmer3)).toHaveLength(1);
  });
});
