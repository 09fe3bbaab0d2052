/**
 * Journey D: the manager of Chợ Túc Duyên (+84987000021) watches a QR payment to stall TD-A01 land in
 * the day's figures, exports the day's CSV and finds it there; the public open data (JSON and CSV on
 * the API, pre-computed by a job) counts the vendors and gives away nobody: no phone, no vendor's name,
 * no account number, and no takings of a market where fewer than 3 vendors were paid (decision 0901).
 */
import { readFileSync } from 'node:fs';
import { vietnamDay } from '@chophien/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pay } from '../../../infra/local/src/bank/simulator.ts';
import { seedPayoutAccounts } from '../../../infra/local/src/seed/marketplace.ts';
import { seedAccounts, seedFeeAccounts, seedMarkets } from '../../../infra/local/src/seed/markets-data.ts';
import { seedUsers } from '../../../infra/local/src/seed/users.ts';
import { useBrowserStack } from '../../support/browser-stack.ts';
import {
  expectAt,
  expectNoAxeViolations,
  keepScreenshot,
  parseCsv,
  phoneContext,
} from '../../support/journeys.ts';
import { signIn } from '../../support/sign-in.ts';

const MANAGER = '+84987000021';
const ADMIN = '+84987000041';
const STALL = 'TD-A01';
const MARKET = 'TUCDUYEN';
const AMOUNT = 64_000;

const env = useBrowserStack('journey_d');

interface OpenDataRow {
  market_code: string;
  day: string;
  cashless_transactions: number | null;
  cashless_value_vnd: number | null;
  active_vendors: number;
  suppressed: boolean;
}

/** The open-data job, run now by an admin rather than waiting for its 10-minute schedule. */
async function refreshOpenData() {
  const token = await fetch(`${env.stack.apiUrl}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: ADMIN }),
  }).then(async (response) => ((await response.json()) as { token: string }).token);
  const refreshed = await fetch(`${env.stack.apiUrl}/admin/open-data/refresh`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refreshed.status).toBe(200);
}

async function openDataToday(): Promise<{ json: string; csv: string; row: OpenDataRow }> {
  await refreshOpenData();
  const [jsonResponse, csvResponse] = await Promise.all([
    fetch(`${env.stack.apiUrl}/open-data/markets.json`),
    fetch(`${env.stack.apiUrl}/open-data/markets.csv`),
  ]);
  expect(jsonResponse.status).toBe(200);
  expect(csvResponse.status).toBe(200);
  const json = await jsonResponse.text();
  const csv = await csvResponse.text();
  const today = vietnamDay(new Date());
  const row = (JSON.parse(json) as { rows: OpenDataRow[] }).rows.find(
    (entry) => entry.market_code === MARKET && entry.day === today,
  );
  if (!row) throw new Error(`open data has no row for ${MARKET} on ${today}`);
  const csvRows = parseCsv(csv);
  const csvRow = csvRows.find((entry) => entry.market_code === MARKET && entry.day === today);
  expect(csvRow, `open-data CSV row for ${MARKET} ${today}`).toBeDefined();
  expect(csvRow?.cashless_transactions).toBe(String(row.cashless_transactions ?? ''));
  expect(csvRow?.cashless_value_vnd).toBe(String(row.cashless_value_vnd ?? ''));
  expect(Number(csvRow?.active_vendors)).toBe(row.active_vendors);
  return { json, csv, row };
}

/** Everything personal the seed knows: phones (both ways of writing them), names, account numbers. */
function personalData(): string[] {
  const values = new Set<string>();
  for (const user of seedUsers) {
    values.add(user.phone);
    values.add(user.phone.replace(/^\+84/, '0'));
    values.add(user.phone.replace(/^\+/, ''));
    if (user.name) values.add(user.name);
  }
  for (const market of seedMarkets) {
    for (const stall of market.stalls) {
      values.add(stall.account.accountNumber);
      values.add(stall.account.holderName);
    }
  }
  for (const account of seedAccounts) values.add(account.accountNumber);
  for (const account of seedFeeAccounts) values.add(account.accountNumber);
  for (const account of seedPayoutAccounts) {
    values.add(account.accountNumber);
    values.add(account.accountName);
  }
  return [...values];
}

const figure = async (page: Page, id: string) => (await page.locator(`#${id}`).textContent()) ?? '';
const vnd = (text: string) => Number(text.replace(/\D/g, ''));

describe('journey D: a market manager sees the day, exports it, and the open data counts it', () => {
  it('figures on /quan-ly-cho → CSV export holds the payment → open data counts it with no personal data', async () => {
    const openBefore = await openDataToday();

    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await signIn(page, env.site, MANAGER, '/quan-ly-cho');
    await expectAt(page, /^\/quan-ly-cho$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Quản lý chợ – Chợ Túc Duyên');
    const countBefore = Number(await figure(page, 'cashless-count'));
    const valueBefore = vnd(await figure(page, 'cashless-value'));
    await expectNoAxeViolations(page);

    // A customer pays stall TD-A01's QR (the bank simulator, signed like the real provider).
    const paid = await pay({ to: STALL, amountVnd: AMOUNT }, env.bank);
    expect(paid.deliveries).toEqual([
      { status: 200, body: expect.objectContaining({ outcome: 'credited' }) },
    ]);

    // The day's figures include it.
    await page.reload();
    expect(Number(await figure(page, 'cashless-count'))).toBe(countBefore + 1);
    expect(vnd(await figure(page, 'cashless-value'))).toBe(valueBefore + AMOUNT);
    await expectNoAxeViolations(page);

    // The day's CSV, downloaded as the manager does it, holds the payment.
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải CSV giao dịch trong ngày' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`cho-${vietnamDay(new Date())}.csv`);
    const ledger = parseCsv(readFileSync(await download.path(), 'utf8'));
    // Vietnamese headers and Vietnam time: the payment is listed on today's date as a Vietnamese reads it.
    expect(ledger).toContainEqual(
      expect.objectContaining({
        Sạp: STALL,
        'Số tiền (đồng)': String(AMOUNT),
        'Dịch vụ báo có': paid.channel.provider,
        'Mã giao dịch': paid.transactionId,
      }),
    );
    const row = ledger.find((entry) => entry['Mã giao dịch'] === paid.transactionId);
    expect(row?.['Thời điểm nhận (giờ Việt Nam)']).toMatch(new RegExp(`^${vietnamDay(new Date())} `));
    await keepScreenshot(page, 'd-manager-day');
    await context.close();

    // Open data: the paid vendor is counted, but Chợ Túc Duyên has two vendors, so what they took is
    // suppressed (null in JSON, empty in CSV); nothing names or reaches a person.
    const openAfter = await openDataToday();
    expect(openAfter.row.active_vendors).toBe(Math.max(1, openBefore.row.active_vendors));
    expect(openAfter.row).toMatchObject({
      cashless_transactions: null,
      cashless_value_vnd: null,
      suppressed: true,
    });
    expect(openAfter.json).not.toContain(String(valueBefore + AMOUNT));
    for (const body of [openAfter.json, openAfter.csv]) {
      const leaked = personalData().filter((value) => body.toLowerCase().includes(value.toLowerCase()));
      expect(leaked).toEqual([]);
      expect(body).not.toMatch(/(?:\+84|\b0)[35789]\d{8}\b/); // any Vietnamese mobile number
    }
  });
});
