// Connected: the sell screen's API against DynamoDB Local — one amount rule at the edge and in core,
// sale lines under the one number rule, cash sales paid when made and written into the sales book.
import { readFileSync } from 'node:fs';
import { defaultAlertPreferences, vietnamDay } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { channels, deliver, ids, phones, txId } from './support.ts';

let api: TestApi;
let vendor1: string;
let vendor2: string;
beforeAll(async () => {
  api = await startTestApi();
  vendor1 = await api.tokenFor({ phone: phones.vendor1 });
  vendor2 = await api.tokenFor({ phone: phones.vendor2 });
});
afterAll(async () => {
  await api?.stop();
});

const sell = (body: unknown, token = vendor1, stallId = ids.stallTdA01) =>
  api.request('POST', `/stalls/${stallId}/sales`, { token, body });
const salesToday = async () =>
  (await api.request('GET', `/stalls/${ids.stallTdA01}/day`, { token: vendor1 })).json as {
    sales: Array<{ code: string }>;
    takingsVnd: number;
    cashVnd: number;
    cashSales: number;
    totalVnd: number;
  };
type Field = { path: string; messages: { vi: string; en: string } };
const fieldOf = (json: { error: { fields: Field[] } }, path: string) =>
  json.error.fields.find((field) => field.path === path);

describe('amount bounds on a stall sale (connected)', () => {
  it.each([
    ['0 đ', 0, 'lớn hơn 0'],
    ['−50.000 đ', -50_000, 'lớn hơn 0'],
    ['999.999.999.999 đ', 999_999_999_999, 'tối đa 50.000.000'],
    ['just over the ceiling', 50_000_001, 'tối đa 50.000.000'],
    ['a fraction of a đồng', 1500.5, 'số đồng tròn'],
  ])('%s is refused in the vendor’s words, and nothing is stored', async (_label, amountVnd, words) => {
    const before = (await salesToday()).sales.length;
    const response = await sell({ amountVnd });
    expect(response.status).toBe(400);
    const field = fieldOf(response.json, 'body.amountVnd');
    expect(field?.messages.vi).toContain('Số tiền bán');
    expect(field?.messages.vi).toContain(words);
    expect(field?.messages.en).toMatch(/sale amount/i);
    // Never the QR builder's internal field ("Số tiền 54 không hợp lệ").
    expect(JSON.stringify(response.json)).not.toMatch(/\b54\b/);
    expect((await salesToday()).sales.length).toBe(before);
  });

  it('the ceiling itself is accepted', async () => {
    const response = await sell({ amountVnd: 50_000_000 });
    expect(response.status).toBe(201);
    expect(response.json.sale.amountVnd).toBe(50_000_000);
  });

  it('a line’s unit price obeys the same rule, field by field', async () => {
    const response = await sell({
      lines: [{ name: 'Cải ngọt', unit: 'bunch', quantity: '2', unitPriceVnd: 0 }],
    });
    expect(response.status).toBe(400);
    expect(fieldOf(response.json, 'body.lines.0.unitPriceVnd')?.messages.vi).toContain('Đơn giá');
  });

  it('a quantity that is not a number is named as such', async () => {
    const response = await sell({
      lines: [{ name: 'Cá chép', unit: 'head', quantity: 'hai', unitPriceVnd: 60_000 }],
    });
    expect(response.status).toBe(400);
    expect(fieldOf(response.json, 'body.lines.0.quantity')?.messages.vi).toContain('Số lượng');
  });
});

describe('sale lines (connected)', () => {
  it('a QR sale carries its lines; "1,5" kg is 1.5 kg and the amount is their sum to the đồng', async () => {
    const response = await sell({
      lines: [
        { name: 'Thịt ba chỉ', unit: 'kg', quantity: '1,5', unitPriceVnd: 135_000 },
        { name: 'Rau muống', unit: 'bunch', quantity: 3, unitPriceVnd: 7_000 },
        { name: 'Trứng gà', unit: 'ten', quantity: '0,5', unitPriceVnd: 35_001 },
      ],
    });
    expect(response.status).toBe(201);
    // 202,500 + 21,000 + round(17,500.5) = 17,501
    expect(response.json.sale.amountVnd).toBe(241_001);
    expect(response.json.sale.method).toBe('qr');
    expect(response.json.qr).toContain('5406241001');
    const stored = await marketsStore(api.db).getSale(response.json.sale.code);
    expect(stored?.lines?.map((line) => [line.quantity, line.lineTotalVnd])).toEqual([
      [1.5, 202_500],
      [3, 21_000],
      [0.5, 17_501],
    ]);
  });

  it('an amount typed beside lines must match their total', async () => {
    const response = await sell({
      amountVnd: 10_000,
      lines: [{ name: 'Chanh', unit: 'kg', quantity: 1, unitPriceVnd: 20_000 }],
    });
    expect(response.status).toBe(400);
    expect(fieldOf(response.json, 'body.amountVnd')?.messages.vi).toContain('không khớp');
  });

  it('lines whose total passes the ceiling are refused', async () => {
    const response = await sell({
      lines: [{ name: 'Trâu', unit: 'head', quantity: 2, unitPriceVnd: 30_000_000 }],
    });
    expect(response.status).toBe(400);
    expect(fieldOf(response.json, 'body.amountVnd')?.messages.vi).toContain('tối đa');
  });
});

describe('cash sales (connected)', () => {
  it('one tap: paid at once, no QR, never waiting for a transfer; the day shows cash beside bank money', async () => {
    const before = await salesToday();
    const first = await sell({ method: 'cash', amountVnd: 45_000 });
    const second = await sell({
      method: 'cash',
      lines: [{ name: 'Bưởi Diễn', unit: 'piece', quantity: 3, unitPriceVnd: 33_333 }],
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(first.json.qr).toBeUndefined();
    expect(first.json.sale).toMatchObject({ method: 'cash', status: 'paid', amountVnd: 45_000 });
    expect(first.json.sale.code).toMatch(/^TM[0-9A-Z]{6}$/);
    expect(second.json.sale.amountVnd).toBe(99_999);
    const store = marketsStore(api.db);
    const open = await store.listOpenSalesOfVendor(ids.vendor1);
    expect(open.map((sale) => sale.code)).not.toContain(first.json.sale.code);
    const after = await salesToday();
    expect(after.cashVnd - before.cashVnd).toBe(144_999);
    expect(after.cashSales - before.cashSales).toBe(2);
    expect(after.takingsVnd).toBe(before.takingsVnd);
    expect(after.totalVnd).toBe(after.takingsVnd + after.cashVnd);
  });

  it('cash sales enter the sales book as the cash source, totals to the đồng', async () => {
    const period = vietnamDay(new Date()).slice(0, 7);
    const book = async () =>
      (await api.request('GET', `/books/sales?period=${period}&form=S1a-HKD`, { token: vendor1 })).json as {
        totalVnd: number;
        count: number;
        bySource: Record<string, { totalVnd: number; count: number }>;
        rows?: unknown[];
      };
    const before = await book();
    const made = await sell({
      method: 'cash',
      lines: [
        { name: 'Gà ri', unit: 'head', quantity: 1, unitPriceVnd: 185_000 },
        { name: 'Cam sành', unit: 'kg', quantity: '2,35', unitPriceVnd: 27_000 },
      ],
    });
    expect(made.status).toBe(201);
    expect(made.json.sale.amountVnd).toBe(248_450);
    const after = await book();
    expect(after.totalVnd - before.totalVnd).toBe(248_450);
    expect(after.count - before.count).toBe(1);
    expect((after.bySource.cash?.totalVnd ?? 0) - (before.bySource.cash?.totalVnd ?? 0)).toBe(248_450);
    expect(after.bySource.bank?.totalVnd ?? 0).toBe(before.bySource.bank?.totalVnd ?? 0);
    expect(JSON.stringify(after)).toContain(made.json.sale.code);
  });

  it('another vendor cannot record a cash sale on a stall that is not theirs', async () => {
    const response = await sell({ method: 'cash', amountVnd: 10_000 }, vendor2, ids.stallTdA01);
    expect([403, 404]).toContain(response.status);
    const store = marketsStore(api.db);
    const today = await store.listSalesOfStall(ids.stallTdA01, vietnamDay(new Date()));
    expect(today.filter((sale) => sale.vendorId !== ids.vendor1)).toHaveLength(0);
  });
});

describe('an underpaid stall sale alerts its vendor (connected, real webhook)', () => {
  const outbox = (): Array<{ to: string; text: string }> => {
    try {
      return readFileSync(process.env.CHOPHIEN_OUTBOX_FILE!, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
    } catch {
      return [];
    }
  };

  it('once and only once, though the bank delivers the transfer three times', async () => {
    const put = await api.request('PUT', '/alerts/preferences', {
      token: vendor1,
      body: { ...defaultAlertPreferences, quietHours: null },
    });
    expect(put.status).toBe(200);
    const made = await sell({ amountVnd: 80_000 });
    const code = made.json.sale.code as string;
    const transactionId = txId('underpaid-alert');
    for (let i = 0; i < 3; i++) {
      const response = await deliver(api, channels.vendor1, { amountVnd: 200, memo: code, transactionId });
      expect(response.status).toBe(200);
    }
    const texts = outbox().filter((m) => m.to === phones.vendor1 && m.text.includes(code));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toContain('còn thiếu 79.800');
    const listed = await api.request('GET', '/alerts', { token: vendor1 });
    const mine = listed.json.alerts.filter((a: { key: string }) => a.key.startsWith('underpaid_transfer#'));
    expect(mine.some((a: { key: string }) => a.key.endsWith(transactionId))).toBe(true);
    // A sale paid in full raises no underpaid alert.
    const paid = await sell({ amountVnd: 30_000 });
    await deliver(api, channels.vendor1, { amountVnd: 30_000, memo: paid.json.sale.code });
    expect(outbox().filter((m) => m.text.includes(paid.json.sale.code))).toHaveLength(0);
  });
});
