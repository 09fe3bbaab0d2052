import { vietnamDay } from '@chophien/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { channels, deliver, ids, phones, txId } from './support.ts';

let api: TestApi;
const tokens: Record<string, string> = {};
const today = vietnamDay(new Date());
const known: string[] = [];
beforeAll(async () => {
  api = await startTestApi();
  tokens.vendor1 = await api.tokenFor({ phone: phones.vendor1 });
  tokens.vendor2 = await api.tokenFor({ phone: phones.vendor2 });
  tokens.manager1 = await api.tokenFor({ userId: seedId('manager', 1) });
  tokens.manager2 = await api.tokenFor({ userId: seedId('manager', 2) });
  for (const [channel, amountVnd, memo] of [
    [channels.vendor1, 50_000, 'Nguyen Van A chuyen tien'],
    [channels.vendor1, 25_000, ''],
    [channels.vendor2, 40_000, 'TD-A02'],
  ] as const) {
    const transactionId = txId('console');
    known.push(transactionId);
    await deliver(api, channel, { transactionId, amountVnd, memo });
  }
});
afterAll(async () => {
  await api?.stop();
});

describe('manager console', () => {
  it('shows the market day: QR share, cashless count and value, active vendors, busiest hours', async () => {
    const response = await api.request('GET', `/markets/${ids.market1}/days/${today}`, {
      token: tokens.manager1!,
    });
    expect(response.status).toBe(200);
    expect(response.json.figures).toMatchObject({
      stalls: 3,
      stallsWithActiveQr: 3,
      activeQrShare: 1,
      cashlessCount: 3,
      cashlessValueVnd: 115_000,
      activeVendors: 2,
    });
    expect(response.json.figures.busiestHours[0].count).toBe(3);
  });

  it('is the market’s own manager’s (and admin’s) only', async () => {
    const path = `/markets/${ids.market1}/days/${today}`;
    expect((await api.request('GET', path, { token: tokens.manager2! })).status).toBe(403);
    expect((await api.request('GET', path, { token: tokens.vendor1! })).status).toBe(403);
    expect((await api.request('GET', path)).status).toBe(401);
  });

  it('exports the day as CSV without memos', async () => {
    const response = await api.request('GET', `/markets/${ids.market1}/days/${today}/ledger.csv`, {
      token: tokens.manager1!,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
    // Vietnamese headers and times in Vietnam time (the BOM the body starts with is eaten by text decoding).
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Thời điểm nhận (giờ Việt Nam),Sạp,Số tiền (đồng),Khớp theo,Mã bán hàng,Dịch vụ báo có,Mã giao dịch',
    );
    expect(lines).toHaveLength(4);
    for (const line of lines.slice(1)) expect(line).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}:\\d{2},`));
    expect(response.text).not.toContain('Nguyen Van A');
    const english = await api.request('GET', `/markets/${ids.market1}/days/${today}/ledger.csv?lang=en`, {
      token: tokens.manager1!,
    });
    expect(english.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'Received at (Vietnam time),Stall,Amount (VND),Matched by,Sale code,Notification service,Transaction id',
    );
  });
});

describe('open data', () => {
  it('serves per-market, per-day aggregates with a licence and no personal data (JSON)', async () => {
    const response = await api.request('GET', `/open-data/markets.json?from=${today}&to=${today}`);
    expect(response.status).toBe(200);
    expect(response.json.licence.name).toMatch(/CC BY 4\.0/);
    const row = response.json.rows.find((entry: { market_code: string }) => entry.market_code === 'TUCDUYEN');
    expect(row).toMatchObject({
      day: today,
      cashless_transactions: 3,
      cashless_value_vnd: 115_000,
      active_vendors: 2,
    });
    const text = response.text;
    for (const personal of ['+849', 'Vũ Thị Hạnh', '100870001234', 'Nguyen Van A', seedId('vendor', 1)])
      expect(text).not.toContain(personal);
  });

  it('serves the same as CSV', async () => {
    const response = await api.request('GET', `/open-data/markets.csv?from=${today}&to=${today}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toMatch(/creativecommons/);
    const [header, ...rows] = response.text.trim().split('\r\n');
    expect(header).toBe(
      'market_code,market_name,province,commune,day,stalls,stalls_with_qr_share,cashless_transactions,cashless_value_vnd,active_vendors',
    );
    expect(rows).toHaveLength(2);
  });

  it('refuses a range over 31 days and a bad date with 400', async () => {
    expect((await api.request('GET', '/open-data/markets.json?from=2026-01-01&to=2026-03-01')).status).toBe(
      400,
    );
    expect((await api.request('GET', '/open-data/markets.json?from=hom-qua')).status).toBe(400);
  });
});

describe('reconciliation', () => {
  it('reports what is in the ledger but not the statement, the reverse, and amount differences', async () => {
    const csv = [
      'Ma giao dich,So tien,Ngay',
      `${known[0]},50.000,${today}`,
      `${known[1]},26000,${today}`,
      `FT-MISSING-1,"10,000",${today}`.replace('"10,000"', '10000'),
    ].join('\n');
    const response = await api.request('POST', `/stalls/${ids.stallTdA01}/reconciliation`, {
      token: tokens.vendor1!,
      body: { csv },
    });
    expect(response.status).toBe(200);
    expect(response.json.matched).toBe(1);
    expect(response.json.amountMismatch).toEqual([
      { transactionId: known[1], ledgerVnd: 25_000, statementVnd: 26_000 },
    ]);
    expect(response.json.notInLedger.map((row: { transactionId: string }) => row.transactionId)).toEqual([
      'FT-MISSING-1',
    ]);

    const partial = await api.request('POST', `/stalls/${ids.stallTdA01}/reconciliation`, {
      token: tokens.vendor1!,
      body: { csv: `transaction_id,amount\n${known[0]},50000\n` },
    });
    expect(partial.json.notInStatement.map((row: { transactionId: string }) => row.transactionId)).toEqual([
      known[1],
    ]);
  });

  it('another vendor cannot reconcile this stall; a statement without the needed columns is 400', async () => {
    const csv = 'transaction_id,amount\nX,1000\n';
    expect(
      (
        await api.request('POST', `/stalls/${ids.stallTdA01}/reconciliation`, {
          token: tokens.vendor2!,
          body: { csv },
        })
      ).status,
    ).toBe(403);
    const bad = await api.request('POST', `/stalls/${ids.stallTdA01}/reconciliation`, {
      token: tokens.vendor1!,
      body: { csv: 'a,b\n1,2\n' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('bad_statement');
  });
});
