import { vietnamDay } from '@chophien/core';
import { marketsStore } from '@chophien/db';
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
  tokens.admin = await api.tokenFor({ userId: seedId('admin', 1) });
  await creditPastDays();
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

/**
 * Two past days in market 1 written through the real credit transaction: two vendors, then three. Market 1
 * has two vendors in the seed, so the entries name vendors 1–3 on stalls A02 and B01 for this test only
 * (stall A01's ledger stays the seed's: the reconciliation test reads it whole).
 */
const TWO_VENDOR_DAY = '2026-06-01';
const THREE_VENDOR_DAY = '2026-06-02';
async function credit(day: string, stallId: string, vendorId: string, amountVnd: number) {
  const transactionId = txId('past');
  const receivedAt = `${day}T03:00:00.000Z`;
  const result = await marketsStore(api.db).recordCredit({
    payment: {
      provider: 'sepay',
      providerTransactionId: transactionId,
      amountVnd,
      memo: '',
      receivedAt,
      channelId: 'ch-open-data',
      receivingAccount: { bin: '970436', accountNumber: '0' },
    },
    entry: {
      id: transactionId,
      stallId,
      marketId: ids.market1,
      vendorId,
      amountVnd,
      memo: '',
      via: 'stall_code',
      provider: 'sepay',
      providerTransactionId: transactionId,
      receivedAt,
      creditedAt: receivedAt,
    },
  });
  expect(result).toBe('recorded');
}
async function creditPastDays() {
  await credit(TWO_VENDOR_DAY, ids.stallTdB01, ids.vendor1, 60_000);
  await credit(TWO_VENDOR_DAY, ids.stallTdA02, ids.vendor2, 70_000);
  await credit(THREE_VENDOR_DAY, ids.stallTdB01, ids.vendor1, 60_000);
  await credit(THREE_VENDOR_DAY, ids.stallTdA02, ids.vendor2, 70_000);
  await credit(THREE_VENDOR_DAY, ids.stallTdB01, ids.vendor3, 80_000);
}

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
  const refresh = async (body?: { from: string; to: string }) => {
    const response = await api.request('POST', '/admin/open-data/refresh', {
      token: tokens.admin!,
      ...(body ? { body } : {}),
    });
    expect(response.status).toBe(200);
    return response.json;
  };
  const rowOf = (rows: { market_code: string; day: string }[], day: string) =>
    rows.find((entry) => entry.market_code === 'TUCDUYEN' && entry.day === day);

  it('is served from pre-computed days: a payment shows only after the job has run', async () => {
    const read = async () =>
      rowOf(
        (await api.request('GET', `/open-data/markets.json?from=${THREE_VENDOR_DAY}&to=${THREE_VENDOR_DAY}`))
          .json.rows,
        THREE_VENDOR_DAY,
      );
    expect(await read()).toBeUndefined();
    await refresh({ from: THREE_VENDOR_DAY, to: THREE_VENDOR_DAY });
    expect(await read()).toMatchObject({ cashless_transactions: 3 });
    await credit(THREE_VENDOR_DAY, ids.stallTdA02, ids.vendor2, 10_000);
    // Not recomputed per request: the new payment is not there yet…
    expect(await read()).toMatchObject({ cashless_transactions: 3 });
    // …until the job (every 10 minutes, or an admin) recomputes the day.
    expect(await refresh({ from: THREE_VENDOR_DAY, to: THREE_VENDOR_DAY })).toMatchObject({ days: 1 });
    expect(await read()).toMatchObject({ cashless_transactions: 4, cashless_value_vnd: 220_000 });
  });

  it('never reveals one or two vendors’ takings: those cells are suppressed (JSON)', async () => {
    await refresh({ from: TWO_VENDOR_DAY, to: THREE_VENDOR_DAY });
    const response = await api.request(
      'GET',
      `/open-data/markets.json?from=${TWO_VENDOR_DAY}&to=${THREE_VENDOR_DAY}`,
    );
    expect(response.status).toBe(200);
    expect(response.json.licence.name).toMatch(/CC BY 4\.0/);
    expect(rowOf(response.json.rows, TWO_VENDOR_DAY)).toEqual({
      market_code: 'TUCDUYEN',
      market_name: expect.any(String),
      province: expect.any(String),
      commune: expect.any(String),
      day: TWO_VENDOR_DAY,
      stalls: 3,
      stalls_with_qr_share: 1,
      cashless_transactions: null,
      cashless_value_vnd: null,
      active_vendors: 2,
      suppressed: true,
    });
    expect(rowOf(response.json.rows, THREE_VENDOR_DAY)).toMatchObject({
      cashless_transactions: 4,
      cashless_value_vnd: 60_000 + 70_000 + 80_000 + 10_000,
      active_vendors: 3,
      suppressed: false,
    });
    const text = response.text;
    for (const hidden of [
      '60000',
      '130000',
      '+849',
      'Vũ Thị Hạnh',
      '100870001234',
      'Nguyen Van A',
      seedId('vendor', 1),
    ])
      expect(text).not.toContain(hidden);
  });

  it('serves the same as CSV, suppressed cells empty', async () => {
    const response = await api.request(
      'GET',
      `/open-data/markets.csv?from=${TWO_VENDOR_DAY}&to=${THREE_VENDOR_DAY}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('link')).toMatch(/creativecommons/);
    const [header, ...rows] = response.text.trim().split('\r\n');
    expect(header).toBe(
      'market_code,market_name,province,commune,day,stalls,stalls_with_qr_share,cashless_transactions,cashless_value_vnd,active_vendors,suppressed',
    );
    expect(rows.find((row) => row.startsWith('TUCDUYEN') && row.includes(TWO_VENDOR_DAY))).toMatch(
      /,,,2,true$/,
    );
    expect(rows.find((row) => row.startsWith('TUCDUYEN') && row.includes(THREE_VENDOR_DAY))).toMatch(
      /,4,220000,3,false$/,
    );
  });

  it('only an admin may run the job by hand', async () => {
    for (const token of [tokens.manager1, tokens.vendor1, undefined])
      expect((await api.request('POST', '/admin/open-data/refresh', token ? { token } : {})).status).toBe(
        token ? 403 : 401,
      );
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
