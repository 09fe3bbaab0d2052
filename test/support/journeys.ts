/**
 * Shared pieces of the end-to-end journeys (test/e2e/journeys): a phone-sized Vietnamese browser,
 * axe on every page a journey lands on, the end-of-journey screenshot, and the bank simulator's
 * real command line pointed at a test stack.
 */

import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readCsv } from '@chophien/core';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { repoRoot } from '../../infra/local/src/config.ts';
import { axeViolations } from './browser-stack.ts';
import type { TestStack } from './stack.ts';

export const journeyResultsDir = join(repoRoot, 'test-results', 'journeys');

/** A mid-range Android phone as a Vietnamese buyer holds it: 390×844, touch, vi-VN, Asia/Ho_Chi_Minh. */
export function phoneContext(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
  });
}

/** axe (WCAG 2 A/AA and best practices, as axe ships them) on the page as it is now: 0 violations. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** The journey's last screen, kept as test-results/journeys/<name>.png for people to look at. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(journeyResultsDir, { recursive: true });
  const path = join(journeyResultsDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A figure a journey measured (not asserted: timings belong to the bench), kept beside the screenshots. */
export function keepMeasurement(name: string, figures: Record<string, number>): void {
  mkdirSync(journeyResultsDir, { recursive: true });
  writeFileSync(join(journeyResultsDir, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

/** Form posts answer 303 and the browser follows; by then the load has happened, so check where we are. */
export async function expectAt(page: Page, path: RegExp): Promise<void> {
  await page.waitForLoadState();
  expect(new URL(page.url()).pathname).toMatch(path);
}

const run = promisify(execFile);

/**
 * `npm run bank -- pay --to <code> --amount <n>` exactly as a developer types it, with the test
 * stack's ports, table and data dir (where the channel secrets are) in the environment.
 */
export function bankCliPay(
  stack: TestStack,
  to: string,
  amountVnd: number,
): Promise<{ stdout: string; stderr: string }> {
  return bankCli(stack, ['--to', to, '--amount', String(amountVnd)]);
}

/**
 * A transfer as a payer types it into their bank app from what a pay page shows: bank, account number,
 * amount and content (`npm run bank -- pay --bank … --account … --amount … --memo …`).
 */
export function bankCliTransfer(
  stack: TestStack,
  transfer: { bank: string; account: string; amountVnd: number; content: string },
): Promise<{ stdout: string; stderr: string }> {
  return bankCli(stack, [
    '--bank',
    transfer.bank,
    '--account',
    transfer.account,
    '--amount',
    String(transfer.amountVnd),
    '--memo',
    transfer.content,
  ]);
}

async function bankCli(stack: TestStack, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const api = new URL(stack.apiUrl);
  return run('npm', ['run', '--silent', 'bank', '--', 'pay', ...args], {
    cwd: repoRoot,
    timeout: 60_000,
    env: {
      ...process.env,
      CHOPHIEN_HOST: api.hostname,
      API_PORT: api.port,
      DYNAMODB_ENDPOINT: stack.dynamoDbEndpoint,
      DATA_DIR: stack.dataDir,
      // startLocalStack put the stack's table into this process's environment, as a Lambda's would be.
      TABLE_NAME: process.env.TABLE_NAME as string,
    },
  });
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) → one record per row, keyed by the header (core's reader). */
export function parseCsv(text: string): Array<Record<string, string>> {
  const [header = [], ...records] = readCsv(text);
  return records.map((values) => Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])));
}
