import { buildBankNotification } from '@chophien/core';
import { describe, expect, it } from 'vitest';
import { readSecretsFile } from '../../../functions/markets/channel-secrets.ts';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { useBrowserStack } from '../../support/browser-stack.ts';

const env = useBrowserStack('fee_console_e2e');

describe('manager console: fee payments without a stall (no JavaScript)', () => {
  it('records a queued fee payment as a stall’s fee and the arrears list follows', async () => {
    const channel = { id: 'ch-payos-m1', provider: 'payos' as const, accountNumber: '0011000999001' };
    const secret = readSecretsFile(env.bank.secretsFile).channels[channel.id]!;
    const notification = buildBankNotification(channel.provider, secret, {
      transactionId: `E2EFEE${Date.now().toString(36)}`,
      amountVnd: 300_000,
      memo: 'chi Hanh nop phi thang nay',
      accountNumber: channel.accountNumber,
    });
    const delivered = await fetch(`${env.stack.apiUrl}/webhooks/bank/${channel.provider}/${channel.id}`, {
      method: 'POST',
      headers: notification.headers,
      body: notification.body,
    });
    expect(((await delivered.json()) as { outcome: string }).outcome).toBe('review');

    const minted = await fetch(`${env.stack.apiUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '+84987000021' }),
    });
    const { token } = (await minted.json()) as { token: string };
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    await context.addCookies([{ name: 'cp_token', value: token, url: env.site }]);
    const page = await context.newPage();
    await page.goto(`${env.site}/quan-ly-cho`);
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
