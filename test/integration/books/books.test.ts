import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LedgerEntry, recordOrderPayment, type VerifiedPayment, vietnamDay } from '@chophien/core';
import { marketsStore, orderRepository } from '@chophien/db';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { contact, farmer1Account, TEA } from '../marketplace/fixtures.ts';
import { channels, deliver, ids, txId } from '../markets/support.ts';

const who = {
  vendor1: '+84987000011',
  vendor2: '+84987000012',
  farmer1: '+84912000001',
  farmer2: '+84912000002',
  buyer: '+84987000001',
  manager1: '+84987000021',
  manager2: '+84987000022',
  officer: '+84987000031',
  admin: '+84987000041',
} as const;
type Who = keyof typeof who;

let api: TestApi;
let dir: string;
const token = {} as Record<Who, string>;
beforeAll(async () => {
  api = await startTestApi();
  dir = mkdtempSync(join(tmpdir(), 'chophien-books-it-'));
  for (const [name, phone] of Object.entries(who)) token[name as Who] = await api.tokenFor({ phone });
});
afterAll(async () => {
  await api?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, as?: Who) => api.request('GET', path, as ? { token: token[as] } : {});

/** What the ledger itself holds for a vendor's stalls in a Vietnamese month: the book must equal it. */
async function ledgerMonthTotal(vendorId: string, month: string) {
  const store = marketsStore(api.db);
  let total = 0;
  let count = 0;
  for (const stall of await store.listStallsOfVendor(vendorId)) {
    for (const entry of await store.ledgerOfStall(stall.id)) {
      if (vietnamDay(entry.receivedAt).startsWith(`${month}-`)) {
        total += entry.amountVnd;
        count += 1;
      }
    }
  }
  return { total, count };
}

describe('the sales book equals the ledger to the đồng (connected, generated months)', () => {
  it('bank notifications delivered at generated instants of November 2026 and its edges', async () => {
    const OFFSET = 7 * 3600 * 1000;
    const start = Date.parse('2026-11-01T00:00:00Z') - OFFSET;
    const end = Date.parse('2026-12-01T00:00:00Z') - OFFSET;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.oneof(
              fc.integer({ min: start - 86_400_000, max: end + 86_400_000 }),
              fc.constantFrom(start, start - 1000, end, end - 1000),
            ),
            amountVnd: fc.integer({ min: 1, max: 3_000_000 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (transfers) => {
          for (const t of transfers) {
            const response = await deliver(api, channels.vendor1, {
              amountVnd: t.amountVnd,
              memo: 'TD-A01',
              transactionId: txId('book'),
              at: new Date(t.at).toISOString(),
            });
            expect(response.status).toBe(200);
          }
          const book = await get('/books/sales?period=2026-11&form=S1a-HKD', 'vendor1');
          expect(book.status).toBe(200);
          const ledger = await ledgerMonthTotal(ids.vendor1, '2026-11');
          expect(book.json.totalVnd).toBe(ledger.total);
          expect(book.json.count).toBe(ledger.count);
          expect(book.json.bySource.bank.totalVnd).toBe(ledger.total);
        },
      ),
      { numRuns: 4 },
    );
  });

  it('the XLSX, opened again, and the PDF, rendered, carry the same total', async () => {
    const json = (await get('/books/sales?period=2026-11&form=S2a-HKD', 'vendor1')).json;
    const xlsx = await fetch(`${api.url}/books/sales?period=2026-11&form=S2a-HKD&format=xlsx`, {
      headers: { authorization: `Bearer ${token.vendor1}` },
    });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toContain('so-S2a-HKD-2026-11.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('S2a-HKD')!;
    let total: ExcelJS.CellFormulaValue | undefined;
    sheet.eachRow((row) => {
      if (row.getCell(3).value === 'Tổng cộng') total = row.getCell(4).value as ExcelJS.CellFormulaValue;
    });
    expect(total?.result).toBe(json.totalVnd);

    const pdf = await fetch(`${api.url}/books/sales?period=2026-11&form=S2a-HKD&format=pdf`, {
      headers: { authorization: `Bearer ${token.vendor1}` },
    });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const file = join(dir, 'book.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']).toString('utf8');
    expect(text).toContain('HỘ, CÁ NHÂN KINH DOANH: Vũ Thị Hạnh');
    expect(text).toContain('Sạp TD-A01');
    expect(text).toContain(`Tổng cộng`);
    expect(text).toContain(new Intl.NumberFormat('vi-VN').format(json.totalVnd));
  });

  it('a farmer’s book is their paid orders, at the bill’s amount', async () => {
    const placed = await api.request('POST', '/orders', {
      token: token.buyer,
      body: { items: [{ productId: TEA, packId: '100-g-pack', quantity: 2 }], fulfilment: 'pickup', contact },
    });
    const order = placed.json.orders[0];
    const paidAt = new Date().toISOString();
    await recordOrderPayment(
      { orders: orderRepository(api.db) },
      {
        provider: 'sepay',
        providerTransactionId: txId('order'),
        amountVnd: order.totalVnd,
        memo: order.code,
        receivedAt: paidAt,
        receivingAccount: farmer1Account,
        orderCode: order.code,
      },
    );
    const month = vietnamDay(paidAt).slice(0, 7);
    const book = await get(`/books/sales?period=${month}`, 'farmer1');
    expect(book.status).toBe(200);
    const row = book.json.groups[0].rows.find((r: { docNo: string }) => r.docNo === order.code);
    expect(row).toMatchObject({ amountVnd: order.totalVnd, source: 'order' });
    const revenue = await get(`/books/revenue?year=${month.slice(0, 4)}`, 'farmer1');
    expect(revenue.json.totalVnd).toBeGreaterThanOrEqual(order.totalVnd);
    expect(revenue.json.thresholdVnd).toBe(500_000_000);
  });

  it('the bank-account form lists the vendor’s stall account in full, for the vendor', async () => {
    const form = await get('/books/bank-accounts?year=2026', 'vendor1');
    expect(form.status).toBe(200);
    expect(form.json.form.code).toBe('01/BK-STK');
    expect(form.json.rows.map((r: { accountNumber: string }) => r.accountNumber)).toContain(
      channels.vendor1.accountNumber,
    );
  });

  it('rejects a malformed period with field-level messages in Vietnamese and English', async () => {
    const response = await get('/books/sales?period=2026-13', 'vendor1');
    expect(response.status).toBe(400);
    const field = response.json.error.fields.find((f: { path: string }) => f.path === 'query.period');
    expect(field.messages.vi).toContain('Kỳ sổ');
    expect(field.messages.en).toContain('Period');
  });
});

describe('who may read a household’s book (connected)', () => {
  const farmer1Id = seedId('farmer', 1);
  const farmer2Id = seedId('farmer', 2);
  it.each([
    ['the vendor, their own', 'vendor1', '', 200],
    ['a farmer, their own', 'farmer1', '', 200],
    ['the commune officer, for a farmer of their commune', 'officer', `&householdId=${farmer1Id}`, 200],
    ['the commune officer, for a farmer of another commune', 'officer', `&householdId=${farmer2Id}`, 403],
    [
      'the commune officer, for a vendor (not a farming household)',
      'officer',
      `&householdId=${ids.vendor1}`,
      404,
    ],
    ['another vendor (same market)', 'vendor2', `&householdId=${ids.vendor1}`, 403],
    ['another farmer', 'farmer2', `&householdId=${farmer1Id}`, 403],
    ['a buyer', 'buyer', `&householdId=${ids.vendor1}`, 403],
    ['the market manager of the vendor’s market', 'manager1', `&householdId=${ids.vendor1}`, 403],
    ['an admin', 'admin', `&householdId=${ids.vendor1}`, 403],
  ] as const)('%s → %s', async (_label, as, extra, status) => {
    for (const path of [
      '/books/sales?period=2026-11',
      '/books/revenue?year=2026',
      '/books/bank-accounts?year=2026',
    ])
      expect((await get(`${path}${extra}`, as)).status).toBe(status);
  });

  it('nobody signed out (401)', async () => {
    expect((await get('/books/sales?period=2026-11')).status).toBe(401);
  });
});

describe('aggregates for the manager and the province (connected)', () => {
  it('withholds a market figure made of fewer than 3 households', async () => {
    const response = await get(`/markets/${ids.market1}/takings?period=2026-11`, 'manager1');
    expect(response.status).toBe(200);
    expect(response.json.markets[0]).toMatchObject({ shown: false, reason: 'fewer_than_min_households' });
    expect(response.json.markets[0].totalVnd).toBeUndefined();
    expect(response.json.shownTotalVnd).toBe(0);
  });

  it('shows a market of 3 households its count and exact total, and the province sums only what it shows', async () => {
    const store = marketsStore(api.db);
    const market = {
      id: 'books-m',
      code: 'BOOKSM',
      name: 'Chợ thử sổ',
      province: 'Thái Nguyên',
      commune: 'xã Tân Cương',
      managerId: seedId('manager', 1),
      monthlyStallFeeVnd: 0,
    };
    await store.putMarket(market);
    let expected = 0;
    for (let v = 1; v <= 3; v++) {
      const stall = {
        id: `books-s${v}`,
        marketId: market.id,
        code: `BK-0${v}`,
        zone: 'A',
        number: `0${v}`,
        vendorId: `books-v${v}`,
        vendorName: `Hộ ${v}`,
        goods: 'rau',
      };
      await store.putStall(stall);
      const amountVnd = 10_000 * v + v;
      expected += amountVnd;
      const payment: VerifiedPayment = {
        provider: 'sepay',
        providerTransactionId: txId('agg'),
        amountVnd,
        memo: stall.code,
        receivedAt: '2026-11-15T03:00:00.000Z',
        channelId: 'ch-agg',
        receivingAccount: { bin: '970436', accountNumber: '1' },
      };
      const entry: LedgerEntry = {
        id: `sepay#${payment.providerTransactionId}`,
        stallId: stall.id,
        marketId: market.id,
        vendorId: stall.vendorId,
        amountVnd,
        memo: stall.code,
        via: 'stall_code',
        provider: 'sepay',
        providerTransactionId: payment.providerTransactionId,
        receivedAt: payment.receivedAt,
        creditedAt: payment.receivedAt,
      };
      expect(await store.recordCredit({ payment, entry })).toBe('recorded');
    }
    // Managers hold grants per market (admin console); a new market is the province's until granted.
    expect((await get(`/markets/${market.id}/takings?period=2026-11`, 'manager1')).status).toBe(403);
    const one = await get(`/markets/${market.id}/takings?period=2026-11`, 'admin');
    expect(one.json.markets[0]).toMatchObject({
      shown: true,
      households: 3,
      payments: 3,
      totalVnd: expected,
    });
    const province = await get('/province/takings?period=2026-11', 'admin');
    expect(province.status).toBe(200);
    const shown = province.json.markets.filter((m: { shown: boolean }) => m.shown);
    expect(province.json.shownTotalVnd).toBe(
      shown.reduce((s: number, m: { totalVnd: number }) => s + m.totalVnd, 0),
    );
    expect(province.json.withheldMarkets).toBe(province.json.markets.length - shown.length);
    for (const m of province.json.markets.filter((x: { shown: boolean }) => !x.shown))
      expect(m.totalVnd).toBeUndefined();
  });

  it.each([
    ['its manager', 'manager1', ids.market1, 200],
    ['an admin', 'admin', ids.market1, 200],
    ['the manager of another market', 'manager2', ids.market1, 403],
    ['a manager, for a market that does not exist', 'manager1', 'nope', 403],
    ['a vendor of the market', 'vendor1', ids.market1, 403],
    ['a commune officer', 'officer', ids.market1, 403],
    ['a farmer', 'farmer1', ids.market1, 403],
  ] as const)('market takings: %s → %s', async (_label, as, marketId, status) => {
    expect((await get(`/markets/${marketId}/takings?period=2026-11`, as)).status).toBe(status);
  });

  it.each([
    ['admin', 200],
    ['manager1', 403],
    ['officer', 403],
    ['vendor1', 403],
    ['farmer1', 403],
    ['buyer', 403],
  ] as const)('province takings and the seller report: %s → %i', async (as, status) => {
    expect((await get('/province/takings?period=2026-11', as)).status).toBe(status);
    expect((await get('/admin/seller-report?quarter=2026-Q4', as)).status).toBe(status);
  });
});

describe('the platform seller report for the tax authority (connected)', () => {
  it('lists each seller with paid online orders in the quarter, their revenue equal to their book', async () => {
    const quarter = `${vietnamDay(new Date()).slice(0, 4)}-Q${Math.floor((Number(vietnamDay(new Date()).slice(5, 7)) - 1) / 3) + 1}`;
    const report = await get(`/admin/seller-report?quarter=${quarter}`, 'admin');
    expect(report.status).toBe(200);
    expect(report.json.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const row of report.json.rows) {
      expect(row.revenueVnd).toBeGreaterThan(0);
      expect(row.taxCode).toBe('');
    }
    const csv = await api.request('GET', `/admin/seller-report?quarter=${quarter}&format=csv`, {
      token: token.admin,
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('Doanh thu từ đơn đặt hàng trực tuyến (đồng)');
  });
});
