import { marketsStore } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { channels, deliver, ids, lastSmsCode, ledgerOf, paymentItem, phones, txId } from './support.ts';

let api: TestApi;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  api = await startTestApi();
  tokens.vendor1 = await api.tokenFor({ phone: phones.vendor1 });
  tokens.vendor2 = await api.tokenFor({ phone: phones.vendor2 });
  tokens.vendor3 = await api.tokenFor({ phone: phones.vendor3 });
  tokens.buyer = await api.tokenFor({ phone: phones.buyer });
  tokens.manager1 = await api.tokenFor({ userId: seedId('manager', 1) });
  tokens.manager2 = await api.tokenFor({ userId: seedId('manager', 2) });
  tokens.admin = await api.tokenFor({ userId: seedId('admin', 1) });
});
afterAll(async () => {
  await api?.stop();
});

async function newSale(token: string, stallId: string, amountVnd: number) {
  const response = await api.request('POST', `/stalls/${stallId}/sales`, { token, body: { amountVnd } });
  expect(response.status).toBe(201);
  return response.json.sale as { code: string; amountVnd: number };
}

describe('attribution of a verified payment', () => {
  it('a sale code in the memo, as a bank app mangles it, marks that sale paid', async () => {
    const sale = await newSale(tokens.vendor2!, ids.stallTdB01, 125_000);
    const memo = `MBVCB.3312094.${sale.code.toLowerCase().slice(0, 4)} ${sale.code.toLowerCase().slice(4)}.CT tu 0912xxx`;
    const response = await deliver(api, channels.vendor2, { amountVnd: 125_000, memo });
    expect(response.json).toMatchObject({
      outcome: 'credited',
      stallId: ids.stallTdB01,
      via: 'sale',
      saleCode: sale.code,
    });
    const stored = await marketsStore(api.db).getSale(sale.code);
    expect(stored).toMatchObject({ status: 'paid', paidAmountVnd: 125_000 });
  });

  it('a memo truncated by the bank still finds its sale', async () => {
    const sale = await newSale(tokens.vendor2!, ids.stallTdA02, 40_000);
    const response = await deliver(api, channels.vendor2, {
      amountVnd: 40_000,
      memo: `NGUYEN VAN A chuyen tien ${sale.code.slice(0, 6)}`,
    });
    expect(response.json).toMatchObject({
      outcome: 'credited',
      stallId: ids.stallTdA02,
      saleCode: sale.code,
    });
  });

  it('the static QR’s stall code tells two stalls on one account apart', async () => {
    const response = await deliver(api, channels.vendor2, { amountVnd: 15_000, memo: 'td b01' });
    expect(response.json).toMatchObject({ outcome: 'credited', stallId: ids.stallTdB01, via: 'stall_code' });
  });

  it('the receiving account alone is enough for a vendor with one stall', async () => {
    const response = await deliver(api, channels.vendor1, { amountVnd: 21_000, memo: 'ck' });
    expect(response.json).toMatchObject({ outcome: 'credited', stallId: ids.stallTdA01, via: 'sole_stall' });
  });

  it('a payment to a shared account with no code goes to the review queue, which the vendor assigns', async () => {
    const transactionId = txId('review');
    const response = await deliver(api, channels.vendor2, {
      transactionId,
      amountVnd: 60_000,
      memo: 'tien rau',
    });
    expect(response.json).toMatchObject({ outcome: 'review', reason: 'ambiguous' });
    const queue = await api.request('GET', `/vendors/${ids.vendor2}/review-queue`, {
      token: tokens.vendor2!,
    });
    expect(queue.status).toBe(200);
    const item = queue.json.items.find(
      (entry: { payment: { providerTransactionId: string } }) =>
        entry.payment.providerTransactionId === transactionId,
    );
    expect(item).toBeDefined();

    const stranger = await api.request('POST', `/review-queue/${item.id}/assign`, {
      token: tokens.vendor1!,
      body: { stallId: ids.stallTdA02 },
    });
    expect(stranger.status).toBe(403);
    const otherManager = await api.request('POST', `/review-queue/${item.id}/assign`, {
      token: tokens.manager2!,
      body: { stallId: ids.stallTdA02 },
    });
    expect(otherManager.status).toBe(403);
    const notTheirStall = await api.request('POST', `/review-queue/${item.id}/assign`, {
      token: tokens.vendor2!,
      body: { stallId: ids.stallTdA01 },
    });
    expect(notTheirStall.status).toBe(404);

    const assigned = await api.request('POST', `/review-queue/${item.id}/assign`, {
      token: tokens.vendor2!,
      body: { stallId: ids.stallTdA02 },
    });
    expect(assigned.status).toBe(200);
    const again = await api.request('POST', `/review-queue/${item.id}/assign`, {
      token: tokens.manager1!,
      body: { stallId: ids.stallTdA02 },
    });
    expect(again.status).toBe(409);
    const ledger = await ledgerOf(api.db, ids.stallTdA02);
    expect(ledger.filter((entry) => entry.providerTransactionId === transactionId)).toHaveLength(1);
    expect((await paymentItem(api.db, channels.vendor2, transactionId))?.attribution).toMatchObject({
      kind: 'stall',
      stallId: ids.stallTdA02,
    });
  });

  it('the market’s manager may assign a review item of a vendor in their market', async () => {
    const transactionId = txId('review-mgr');
    await deliver(api, channels.vendor2, { transactionId, amountVnd: 9_000, memo: '' });
    const queue = await api.request('GET', `/vendors/${ids.vendor2}/review-queue`, {
      token: tokens.manager1!,
    });
    const item = queue.json.items.find(
      (entry: { payment: { providerTransactionId: string } }) =>
        entry.payment.providerTransactionId === transactionId,
    );
    const assigned = await api.request('POST', `/review-queue/${item.id}/assign`, {
      token: tokens.manager1!,
      body: { stallId: ids.stallTdB01 },
    });
    expect(assigned.status).toBe(200);
  });

  it('a notification naming another account than the channel’s is refused, never queued or credited', async () => {
    const response = await deliver(api, channels.vendor1, {
      amountVnd: 10_000,
      memo: 'TD-A01',
      accountNumber: '999999999',
    });
    expect(response.json).toMatchObject({ outcome: 'rejected', reason: 'account_not_on_channel' });
  });
});

describe('ledger', () => {
  it('a stall’s ledger equals the sum of its payments, and the day total agrees', async () => {
    const amounts = [10_000, 24_000, 105_000, 1_250_000, 15_000];
    for (const amountVnd of amounts) await deliver(api, channels.vendor3, { amountVnd, memo: '' });
    const store = marketsStore(api.db);
    const ledger = await store.ledgerOfStall(ids.stallHdC01);
    const day = ledger[0]!.receivedAt;
    const sum = ledger.reduce((total, entry) => total + entry.amountVnd, 0);
    expect(sum).toBe(amounts.reduce((a, b) => a + b, 0));
    const payments = await Promise.all(
      ledger.map((entry) => paymentItem(api.db, channels.vendor3, entry.providerTransactionId)),
    );
    expect(payments.every((payment, index) => payment?.amountVnd === ledger[index]!.amountVnd)).toBe(true);
    const dayKey = new Date(Date.parse(day) + 7 * 3600_000).toISOString().slice(0, 10);
    expect(await store.stallDayTotal(ids.stallHdC01, dayKey)).toEqual({
      count: ledger.length,
      totalVnd: sum,
    });

    const viaApi = await api.request('GET', `/stalls/${ids.stallHdC01}/day?day=${dayKey}`, {
      token: tokens.vendor3!,
    });
    expect(viaApi.status).toBe(200);
    expect(viaApi.json.takingsVnd).toBe(sum);
  });
});

describe('authorization', () => {
  it('a vendor lists only their own stalls', async () => {
    const response = await api.request('GET', '/vendor/stalls', { token: tokens.vendor2! });
    expect(response.status).toBe(200);
    expect(response.json.stalls.map((stall: { id: string }) => stall.id).sort()).toEqual(
      [ids.stallTdA02, ids.stallTdB01].sort(),
    );
  });

  it('a vendor cannot see another vendor’s stall day; its manager can, another manager cannot', async () => {
    const path = `/stalls/${ids.stallTdA01}/day`;
    expect((await api.request('GET', path, { token: tokens.vendor1! })).status).toBe(200);
    expect((await api.request('GET', path, { token: tokens.vendor2! })).status).toBe(403);
    expect((await api.request('GET', path, { token: tokens.manager1! })).status).toBe(200);
    expect((await api.request('GET', path, { token: tokens.manager2! })).status).toBe(403);
    expect((await api.request('GET', path, { token: tokens.admin! })).status).toBe(200);
    expect((await api.request('GET', path, { token: tokens.buyer! })).status).toBe(403);
    expect((await api.request('GET', path)).status).toBe(401);
  });

  it('a manager sees only their market', async () => {
    const mine = await api.request('GET', '/markets', { token: tokens.manager1! });
    expect(mine.json.markets.map((market: { id: string }) => market.id)).toEqual([ids.market1]);
    expect(
      (await api.request('GET', `/markets/${ids.market1}/stalls`, { token: tokens.manager1! })).json.stalls,
    ).toHaveLength(3);
    expect(
      (await api.request('GET', `/markets/${ids.market2}/stalls`, { token: tokens.manager1! })).status,
    ).toBe(403);
    expect((await api.request('GET', '/markets', { token: tokens.admin! })).json.markets).toHaveLength(2);
    expect((await api.request('GET', '/markets', { token: tokens.vendor1! })).status).toBe(403);
  });

  it('only the stall’s own vendor can open a sale there', async () => {
    const path = `/stalls/${ids.stallTdA01}/sales`;
    const body = { amountVnd: 50_000 };
    expect((await api.request('POST', path, { token: tokens.vendor1!, body })).status).toBe(201);
    expect((await api.request('POST', path, { token: tokens.vendor2!, body })).status).toBe(403);
    expect((await api.request('POST', path, { token: tokens.manager1!, body })).status).toBe(403);
    expect((await api.request('POST', path, { token: tokens.buyer!, body })).status).toBe(403);
    expect((await api.request('POST', path, { token: tokens.admin!, body })).status).toBe(403);
    expect((await api.request('POST', path, { body })).status).toBe(401);
  });

  it('a bad sale amount is 400 with a field message and writes nothing', async () => {
    const store = marketsStore(api.db);
    const before = (await store.listOpenSalesOfVendor(ids.vendor1)).length;
    const response = await api.request('POST', `/stalls/${ids.stallTdA01}/sales`, {
      token: tokens.vendor1!,
      body: { amountVnd: -5 },
    });
    expect(response.status).toBe(400);
    expect(response.json.error.fields[0].path).toBe('body.amountVnd');
    expect(response.json.error.fields[0].message).toMatch(/lớn hơn 0/);
    expect((await store.listOpenSalesOfVendor(ids.vendor1)).length).toBe(before);
  });

  it('a sale answers with a dynamic VietQR carrying its code', async () => {
    const response = await api.request('POST', `/stalls/${ids.stallTdA01}/sales`, {
      token: tokens.vendor1!,
      body: { amountVnd: 50_000 },
    });
    expect(response.json.sale.code).toMatch(/^BH[0-9A-Z]{6}$/);
    expect(response.json.qr).toContain(response.json.sale.code);
    expect(response.json.qr).toContain('5405' + '50000');
  });

  it('the standee is a printable SVG for the vendor and their manager only', async () => {
    const path = `/stalls/${ids.stallTdA01}/standee`;
    const own = await api.request('GET', path, { token: tokens.vendor1! });
    expect(own.status).toBe(200);
    expect(own.headers.get('content-type')).toMatch(/image\/svg\+xml/);
    expect(own.text).toContain('Sạp số A01');
    expect((await api.request('GET', path, { token: tokens.vendor2! })).status).toBe(403);
    expect((await api.request('GET', path, { token: tokens.manager2! })).status).toBe(403);
  });
});

describe('payment account change', () => {
  it('needs the code sent to the vendor’s phone; wrong codes count; the change is audit-logged and moves the stalls', async () => {
    const request = await api.request('POST', '/vendor/payment-account/changes', {
      token: tokens.vendor3!,
      body: { bin: '970436', accountNumber: '0451000999888', holderName: 'BUI THI THU', provider: 'sepay' },
    });
    expect(request.status).toBe(201);
    expect(JSON.stringify(request.json)).not.toMatch(/\d{6}"?$/);
    const { changeId } = request.json;

    const stranger = await api.request('POST', `/vendor/payment-account/changes/${changeId}/confirm`, {
      token: tokens.vendor1!,
      body: { code: lastSmsCode(ids.vendor3) },
    });
    expect(stranger.status).toBe(404);
    const code = lastSmsCode(ids.vendor3);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await api.request('POST', `/vendor/payment-account/changes/${changeId}/confirm`, {
      token: tokens.vendor3!,
      body: { code: wrong },
    });
    expect(bad.status).toBe(422);

    const good = await api.request('POST', `/vendor/payment-account/changes/${changeId}/confirm`, {
      token: tokens.vendor3!,
      body: { code },
    });
    expect(good.status).toBe(200);
    expect(good.json.webhookPath).toMatch(/^\/webhooks\/bank\/sepay\//);
    expect(JSON.stringify(good.json)).not.toMatch(/secret/i);
    const reused = await api.request('POST', `/vendor/payment-account/changes/${changeId}/confirm`, {
      token: tokens.vendor3!,
      body: { code },
    });
    expect(reused.status).toBe(404);

    const stall = await marketsStore(api.db).getStall(ids.stallHdC01);
    expect(stall?.accountId).toBe(good.json.accountId);
    const audit = await api.request('GET', '/vendor/audit', { token: tokens.vendor3! });
    expect(audit.json.entries.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining([
        'account_change_requested',
        'account_change_failed',
        'account_change_confirmed',
      ]),
    );
    expect(JSON.stringify(audit.json)).not.toContain('0451000999888');

    // The old account's channel no longer credits a stall: its money waits for review.
    const old = await deliver(api, channels.vendor3, { amountVnd: 5_000, memo: 'HD-C01' });
    expect(old.json).toMatchObject({ outcome: 'review', reason: 'no_stall' });
  });

  it('an invalid BIN or account number is 400 with field messages and nothing is written', async () => {
    const response = await api.request('POST', '/vendor/payment-account/changes', {
      token: tokens.vendor1!,
      body: { bin: '123456', accountNumber: '12ab', holderName: 'vũ thị hạnh', provider: 'sepay' },
    });
    expect(response.status).toBe(400);
    const paths = response.json.error.fields.map((field: { path: string }) => field.path).sort();
    expect(paths).toEqual(['body.accountNumber', 'body.bin', 'body.holderName']);
    const audit = await api.request('GET', '/vendor/audit', { token: tokens.vendor1! });
    expect(audit.json.entries).toEqual([]);
  });

  it('managers and buyers cannot request an account change', async () => {
    const body = {
      bin: '970436',
      accountNumber: '0451000999888',
      holderName: 'BUI THI THU',
      provider: 'sepay',
    };
    expect(
      (await api.request('POST', '/vendor/payment-account/changes', { token: tokens.manager1!, body }))
        .status,
    ).toBe(403);
    expect(
      (await api.request('POST', '/vendor/payment-account/changes', { token: tokens.buyer!, body })).status,
    ).toBe(403);
    expect((await api.request('POST', '/vendor/payment-account/changes', { body })).status).toBe(401);
  });
});

describe('a part-paid sale (decision 0709): the underpaid list and the balance QR routes', () => {
  it('show the sale’s own vendor what is missing, and nobody else', async () => {
    const sale = await newSale(tokens.vendor2!, ids.stallTdB01, 100_000);
    const paid = await deliver(api, channels.vendor2, { amountVnd: 40_000, memo: `CK ${sale.code}` });
    expect(paid.json).toMatchObject({ outcome: 'credited', saleCode: sale.code });

    const underpaid = await api.request('GET', '/vendor/sales/underpaid', { token: tokens.vendor2! });
    expect(underpaid.status).toBe(200);
    expect(underpaid.json.sales.map((s: { code: string }) => s.code)).toContain(sale.code);
    const others = await api.request('GET', '/vendor/sales/underpaid', { token: tokens.vendor1! });
    expect(others.status).toBe(200);
    expect(others.json.sales.map((s: { code: string }) => s.code)).not.toContain(sale.code);

    const balance = await api.request('GET', `/sales/${sale.code}/balance`, { token: tokens.vendor2! });
    expect(balance.status).toBe(200);
    expect(balance.json.sale).toMatchObject({ code: sale.code, shortfallVnd: 60_000 });
    expect(JSON.stringify(balance.json.qr)).toContain(sale.code);

    const stranger = await api.request('GET', `/sales/${sale.code}/balance`, { token: tokens.vendor1! });
    expect([403, 404]).toContain(stranger.status);
    const buyer = await api.request('GET', `/sales/${sale.code}/balance`, { token: tokens.buyer! });
    expect(buyer.status).toBe(403);
    const malformed = await api.request('GET', '/sales/not-a-code/balance', { token: tokens.vendor2! });
    expect(malformed.status).toBe(400);
  });
});
