/**
 * The manager console, without JavaScript: a fee transfer whose memo named no stall shows in the
 * market's "fee payments without a stall" list; the manager records it as a stall's fee and the
 * arrears list drops that stall.
 */
import { join } from 'node:path';
import { buildBankNotification } from '@chophien/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSecretsFile } from '../../../functions/markets/channel-secrets.ts';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { launchChromium } from '../../support/browser.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

let stack: TestStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startTestStack('fee_console_e2e');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.dispose();
});

describe('manager console: fee payments without a stall (no JavaScript)', () => {
  it('records a queued fee payment as a stall’s fee and the arrears list follows', async () => {
    const channel = { id: 'ch-payos-m1', provider: 'payos' as const, accountNumber: '0011000999001' };
    const secret = readSecretsFile(join(stack.dataDir, 'secrets.json')).channels[channel.id]!;
    const notification = buildBankNotification(channel.provider, secret, {
      transactionId: `E2EFEE${Date.now().toString(36)}`,
      amountVnd: 300_000,
      memo: 'chi Hanh nop phi thang nay',
      accountNumber: channel.accountNumber,
    });
    const delivered = await fetch(`${stack.apiUrl}/webhooks/bank/${channel.provider}/${channel.id}`, {
      method: 'POST',
      headers: notification.headers,
      body: notification.body,
    });
    expect(((await delivered.json()) as { outcome: string }).outcome).toBe('review');

    const minted = await fetch(`${stack.apiUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '+84987000021' }),
    });
    const { token } = (await minted.json()) as { token: string };
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: 'cp_token', value: token, url: stack.siteUrl! }]);
    const page = await context.newPage();
    await page.goto(`${stack.siteUrl}/quan-ly-cho`);
    expect(await page.locator('.arrears li').count()).toBe(3);
    const item = page.locator('.fee-queue li', { hasText: 'chi Hanh nop phi thang nay' });
    expect(await item.textContent()).toMatch(/300\.000\s₫/);

    await item.getByLabel('Sạp').selectOption(seedId('stall', 1)); // TD-A01
    await item.getByRole('button', { name: 'Ghi nhận là phí sạp' }).click();
    await page.locator('#phi-cho-xu-ly [role="status"]').waitFor();
    expect(await page.locator('#phi-cho-xu-ly [role="status"]').textContent()).toContain('Đã ghi nhận');
    expect(await page.locator('.fee-queue li').count()).toBe(0);
    expect(await page.locator('.arrears li').count()).toBe(2);
    expect(await page.locator('.arrears').textContent()).not.toContain('TD-A01');
    await context.close();
  });
});
