import { type Actor, saleBalanceQr } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { describe, expect, it } from 'vitest';
import { pay } from '../../../infra/local/src/bank/simulator.ts';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { axeViolations, expectAccessibleTwin, useBrowserStack } from '../../support/browser-stack.ts';

const env = useBrowserStack('till_e2e');

/**
 * A phone (390×844) signed in as a seeded person with a real dev-identity token; with `speech`, the
 * page's speech synthesis is recorded into `window.__spoken` (`lang|text` or the text alone).
 */
async function phoneAs(
  phone: string,
  options: { javaScript?: boolean; speech?: 'withLang' | 'text'; voices?: 'vietnamese' | 'none' } = {},
) {
  const minted = await fetch(`${env.stack.apiUrl}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone }),
  });
  const { token } = (await minted.json()) as { token: string };
  const context = await env.browser.newContext({
    viewport: { width: 390, height: 844 },
    ...(options.javaScript === false ? { javaScriptEnabled: false } : {}),
  });
  await context.addCookies([{ name: 'cp_token', value: token, url: env.site }]);
  if (options.speech) {
    await context.addInitScript((withLang: boolean) => {
      const spoken: string[] = [];
      (window as unknown as { __spoken: string[] }).__spoken = spoken;
      window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        spoken.push(withLang ? `${utterance.lang}|${utterance.text}` : utterance.text);
      };
    }, options.speech === 'withLang');
  }
  if (options.voices) {
    // The headless browser's voice list is whatever the machine has: the test decides it.
    await context.addInitScript((vietnamese: boolean) => {
      const list = vietnamese
        ? [{ lang: 'vi-VN', name: 'Tiếng Việt', default: false, localService: true, voiceURI: 'vi' }]
        : [];
      window.speechSynthesis.getVoices = () => list as unknown as SpeechSynthesisVoice[];
    }, options.voices === 'vietnamese');
  }
  return { context, token };
}

/** The one tap a real phone needs before it speaks; what the tap itself says is cleared. */
async function switchVoiceOn(page: import('playwright-core').Page) {
  await page.getByRole('button', { name: 'Bật loa đọc số tiền' }).click();
  await page.locator('#till-voice-state:not([data-state="off"])').waitFor();
  await page.evaluate(() => {
    (window as unknown as { __spoken: string[] }).__spoken.length = 0;
  });
}

describe('live till (real env.browser, real env.stack)', () => {
  it('shows a verified payment and reads it aloud in Vietnamese', async () => {
    const { context } = await phoneAs('+84987000011', { speech: 'withLang', voices: 'vietnamese' });
    const page = await context.newPage();
    const feedOpened = page.waitForResponse((response) => response.url().includes('/local/markets/till'));
    await page.goto(`${env.site}/quay-thu`);
    expect(await page.locator('h1').textContent()).toBe('Quầy thu trực tiếp');
    expect((await feedOpened).status()).toBe(200);
    await switchVoiceOn(page);

    const result = await pay({ to: 'TD-A01', amountVnd: 50_000 }, env.bank);
    expect(result.deliveries[0]?.status).toBe(200);

    await page.locator('#till-feed li', { hasText: '50.000' }).waitFor();
    await page.waitForFunction(() => (window as unknown as { __spoken: string[] }).__spoken.length > 0);
    const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
    expect(spoken).toEqual(['vi-VN|Đã nhận năm mươi nghìn đồng']);
    expect(await page.locator('#till-total').textContent()).toMatch(/50\.000/);

    // A duplicate delivery of the same transaction adds nothing and says nothing.
    await pay({ to: 'TD-A01', amountVnd: 50_000, transactionId: result.transactionId }, env.bank);
    const second = await pay({ to: 'TD-A01', amountVnd: 21_000 }, env.bank);
    expect(second.deliveries[0]?.status).toBe(200);
    await page.locator('#till-feed li', { hasText: '21.000' }).waitFor();
    expect(await page.locator('#till-feed li').count()).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([
      'vi-VN|Đã nhận năm mươi nghìn đồng',
      'vi-VN|Đã nhận hai mươi mốt nghìn đồng',
    ]);
    await context.close();
  });

  it('on a phone the till asks for one tap to speak, says when there is no Vietnamese voice, and warns when the connection drops', async () => {
    // A phone with no Vietnamese voice: amounts are not spoken before the tap, and the tap says what is missing.
    const bare = await phoneAs('+84987000011', { speech: 'withLang', voices: 'none' });
    const page = await bare.context.newPage();
    const feedOpened = page.waitForResponse((response) => response.url().includes('/local/markets/till'));
    await page.goto(`${env.site}/quay-thu`);
    await feedOpened;
    const button = page.getByRole('button', { name: 'Bật loa đọc số tiền' });
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    expect(await page.locator('#till-voice-state').textContent()).toContain('Loa đang tắt');
    await pay({ to: 'TD-A01', amountVnd: 3_000 }, env.bank);
    await page.locator('#till-feed li', { hasText: '3.000' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([]);
    await button.click();
    await page.locator('#till-voice-state[data-state="no-vietnamese"]').waitFor();
    expect(await page.locator('#till-voice-state').textContent()).toContain(
      'Máy chưa có giọng đọc tiếng Việt',
    );
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([
      'vi-VN|Đã bật loa báo tiền',
    ]);

    // The connection drops: a warning in the vendor's words; it comes back: said too.
    await bare.context.setOffline(true);
    await page.locator('#till-status[data-state="lost"][role="alert"]').waitFor();
    expect(await page.locator('#till-status').textContent()).toContain('Mất kết nối mạng');
    await bare.context.setOffline(false);
    await page.locator('#till-status[data-state="back"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#till-status').textContent()).toContain('Đã kết nối lại');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await bare.context.close();

    // A phone with a Vietnamese voice: switched on, and remembered for the session across a reload.
    const ready = await phoneAs('+84987000011', { speech: 'withLang', voices: 'vietnamese' });
    // The Wake Lock API, recorded: the till asks for a screen lock and asks again when the page is back.
    await ready.context.addInitScript(() => {
      const requests: string[] = [];
      const sentinels: EventTarget[] = [];
      Object.assign(window, { __wake: { requests, sentinels } });
      Object.defineProperty(navigator, 'wakeLock', {
        value: {
          request: async (type: string) => {
            requests.push(type);
            const sentinel = new EventTarget();
            sentinels.push(sentinel);
            return sentinel;
          },
        },
      });
    });
    const till = await ready.context.newPage();
    await till.goto(`${env.site}/quay-thu`);
    await till.locator('#till-awake:not([hidden])').waitFor();
    type Wake = { __wake: { requests: string[]; sentinels: EventTarget[] } };
    expect(await till.evaluate(() => (window as unknown as Wake).__wake.requests)).toEqual(['screen']);
    // The phone released the lock (the page was hidden); coming back asks for it again.
    await till.evaluate(() => {
      (window as unknown as Wake).__wake.sentinels[0]?.dispatchEvent(new Event('release'));
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await till.waitForFunction(() => (window as unknown as Wake).__wake.requests.length === 2);
    await till.getByRole('button', { name: 'Bật loa đọc số tiền' }).click();
    await till.locator('#till-voice-state[data-state="on"]').waitFor();
    expect(await till.locator('#till-voice-state').textContent()).toBe(
      'Loa đã bật: số tiền về sẽ được đọc to.',
    );
    await till.reload();
    await till.locator('#till-voice-state[data-state="on"]').waitFor();
    expect(await till.getByRole('button', { name: 'Bật loa đọc số tiền' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await ready.context.close();
  });

  it('the sell screen turns an amount into a dynamic QR whose payment marks the sale paid', async () => {
    const { context } = await phoneAs('+84987000012', { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${env.site}/ban-hang`);
    const form = page.locator('section.stall').filter({ hasText: 'TD-B01' }).locator('form');
    await form.locator('input[name="amount"]').fill('120.000');
    await form.locator('button[value="qr"]').click();
    await page.locator('.sale-code').waitFor();
    const code = (await page.locator('.sale-code').textContent())!.trim();
    expect(code).toMatch(/^BH[0-9A-Z]{6}$/);
    expect(await page.locator('.sale-qr .pay-qr svg').count()).toBe(1);

    const paid = await pay({ to: code, amountVnd: 120_000, memo: `CT ${code.toLowerCase()}` }, env.bank);
    expect(paid.deliveries[0]?.body).toMatchObject({ outcome: 'credited', saleCode: code });
    await page.goto(`${env.site}/ban-hang`);
    expect(await page.locator('.sales li', { hasText: code }).textContent()).toContain('đã thanh toán');
    await context.close();
  });

  it('on a phone the sell screen turns underpaid, then paid, as the money arrives, without a reload', async () => {
    const { context } = await phoneAs('+84987000012');
    const page = await context.newPage();
    await page.goto(`${env.site}/ban-hang`);
    const form = page.locator('section.stall').filter({ hasText: 'TD-B01' }).locator('form');
    await form.locator('input[name="amount"]').fill('80.000');
    await form.locator('button[value="qr"]').click();
    await page.locator('.sale-code').waitFor();
    const code = (await page.locator('.sale-code').textContent())!.trim();
    await page.locator('#sale-live', { hasText: 'Đang chờ tiền về' }).waitFor();
    // The order page's pay panel: full account, amount and content with copy buttons, for paying on this phone.
    const panel = page.locator('.sale-qr .pay');
    expect(await panel.locator('[data-field="account"]').textContent()).toMatch(/^\d{6,}$/);
    expect(await panel.locator('[data-field="amount"]').textContent()).toMatch(/80\.000\s₫/);
    expect(await panel.locator('[data-field="content"]').textContent()).toBe(code);
    expect(await panel.locator('button.copy:visible').count()).toBe(3);
    let reloaded = false;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) reloaded = true;
    });

    await pay({ to: code, amountVnd: 30_000 }, env.bank);
    await page.locator('#sale-live[data-status="underpaid"]').waitFor();
    expect(await page.locator('#sale-live').textContent()).toMatch(/còn thiếu 50\.000\s₫/);
    await pay({ to: code, amountVnd: 50_000 }, env.bank);
    await page.locator('#sale-live[data-status="paid"]').waitFor();
    expect(await page.locator('#sale-live').textContent()).toContain('Đã nhận đủ tiền');
    expect(await page.locator('.sale-qr.paid').count()).toBe(1);
    expect(reloaded).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The English sell screen counts in English: "1 payment", never "1 payments".
    await page.goto(`${env.site}/en/ban-hang`);
    const takings = (await page.locator('.takings').first().textContent()) ?? '';
    const counts = [...takings.matchAll(/\((\d+) (payments?|cash sales?)\)/g)];
    expect(counts).toHaveLength(2);
    for (const [, count, word] of counts) expect(word?.endsWith('s')).toBe(count !== '1');
    // Another vendor's sale is not this person's to watch.
    const stranger = await page.request.get(
      `${env.site}/ban-hang/trang-thai?quay=${'X'.repeat(10)}&ma=${code}`,
    );
    expect(stranger.status()).toBe(404);
    await context.close();
  });

  it('on a phone: a cash sale by item lines in one tap, cash beside bank money, bad amounts in the vendor’s words', async () => {
    const { context } = await phoneAs('+84987000012', { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${env.site}/ban-hang`);
    const form = () => page.locator('section.stall').filter({ hasText: 'TD-B01' }).locator('form');
    const cashBefore = (await form().locator('xpath=..').locator('.cash-total').textContent())!;

    await form().locator('input[name="amount"]').fill('0');
    await form().locator('button[value="cash"]').click();
    const alert = page.locator('.markets-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Số tiền bán phải lớn hơn 0 đồng.');
    expect(await alert.textContent()).not.toMatch(/\b54\b/);

    // After the refused amount the item lines stay open (the vendor was mid-sale); otherwise one tap opens them.
    if ((await form().locator('details').getAttribute('open')) === null)
      await form().locator('summary').click();
    await form().locator('input[name="line0-name"]').fill('Cam sành');
    await form().locator('input[name="line0-qty"]').fill('1,5');
    await form().locator('select[name="line0-unit"]').selectOption('kg');
    await form().locator('input[name="line0-price"]').fill('30.000');
    await form().locator('input[name="line1-name"]').fill('Rau muống');
    await form().locator('input[name="line1-qty"]').fill('2');
    await form().locator('select[name="line1-unit"]').selectOption({ label: 'bó' });
    await form().locator('input[name="line1-price"]').fill('7.000');
    await form().locator('button[value="cash"]').click();
    await page.locator('.cash-done').waitFor();
    expect(await page.locator('.cash-done h2').textContent()).toMatch(/Đã ghi đơn tiền mặt: 59\.000\s₫/);
    const code = (await page.locator('.cash-done .sale-code').textContent())!.trim();
    expect(code).toMatch(/^TM[0-9A-Z]{6}$/);
    const line = page.locator('.sales li', { hasText: code });
    expect(await line.textContent()).toContain('tiền mặt');
    expect(await line.textContent()).toContain('Cam sành 1,5 kg');
    expect(await line.textContent()).toContain('Rau muống 2 bó');
    const digits = (text: string) => Number(text.replace(/\D/g, ''));
    const cashAfter = (await form().locator('xpath=..').locator('.cash-total').textContent())!;
    expect(digits(cashAfter) - digits(cashBefore)).toBe(59_000);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // The till shows the cash beside bank money and links back to the sell screen.
    await page.getByRole('link', { name: 'Mở quầy thu (nghe báo tiền về)' }).click();
    await page.locator('#till-cash').waitFor();
    expect(digits((await page.locator('#till-cash').textContent())!)).toBeGreaterThanOrEqual(59_000);
    expect(await page.getByRole('link', { name: 'Mở màn hình bán hàng' }).count()).toBe(1);
    await context.close();
  });

  it('a sale underpaid (the 200 đ scam) is flagged and spoken on the till; the balance QR under the same code completes it', async () => {
    const { context } = await phoneAs('+84987000012', { speech: 'text', voices: 'vietnamese' });
    const sell = await context.newPage();
    await sell.goto(`${env.site}/ban-hang`);
    const form = sell.locator('section.stall').filter({ hasText: 'TD-B01' }).locator('form');
    await form.locator('input[name="amount"]').fill('200.000');
    await form.locator('button[value="qr"]').click();
    await sell.locator('.sale-code').waitFor();
    const code = (await sell.locator('.sale-code').textContent())!.trim();

    const till = await context.newPage();
    const feedOpened = till.waitForResponse((response) => response.url().includes('/local/markets/till'));
    await till.goto(`${env.site}/quay-thu`);
    await feedOpened;
    await switchVoiceOn(till);
    const spokenOnTill = () => till.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);

    const scam = await pay({ to: code, amountVnd: 200 }, env.bank);
    expect(scam.deliveries[0]?.body).toMatchObject({
      outcome: 'credited',
      saleCode: code,
      sale: { status: 'underpaid' },
    });
    const flagged = till.locator('#till-feed li.till-underpaid', { hasText: code });
    await flagged.waitFor();
    expect(await flagged.textContent()).toMatch(/CÒN THIẾU: còn thiếu 199\.800\s₫/);
    expect(await flagged.evaluate((li) => getComputedStyle(li).backgroundColor)).toBe('rgb(254, 243, 199)');
    await till.waitForFunction(() => (window as unknown as { __spoken: string[] }).__spoken.length > 0);
    expect(await spokenOnTill()).toEqual([
      'Đã nhận hai trăm đồng, còn thiếu một trăm chín mươi chín nghìn tám trăm đồng',
    ]);

    // The sell screen lists it among the day's underpaid sales and offers the balance under the same code.
    await sell.goto(`${env.site}/ban-hang`);
    const row = sell.locator('.underpaid li', { hasText: code });
    expect(await row.textContent()).toMatch(/còn thiếu 199\.800\s₫/);
    await row.locator('button').click();
    await sell.locator('.sale-qr.balance').waitFor();
    expect(await sell.locator('#sale-title').textContent()).toMatch(/199\.800\s₫/);
    expect((await sell.locator('.sale-code').textContent())?.trim()).toBe(code);
    // The QR on screen is the balance's VietQR: amount 199,800 (field 54) under the same sale code.
    const { qr } = await saleBalanceQr(
      { store: marketsStore(env.bank.db), clock: { now: () => new Date() } },
      { userId: seedId('vendor', 2), roles: ['vendor'] } as unknown as Actor,
      code,
    );
    expect(qr).toContain('5406199800');
    expect(qr).toContain(code);
    expect(await sell.locator('.sale-qr .pay-qr svg title').textContent()).toContain('199.800');

    const rest = await pay({ to: code, amountVnd: 199_800 }, env.bank);
    expect(rest.deliveries[0]?.body).toMatchObject({
      outcome: 'credited',
      saleCode: code,
      sale: { status: 'paid' },
    });
    await till.locator('#till-feed li[data-sale-status="paid"]', { hasText: '199.800' }).waitFor();
    await till.waitForFunction(() => (window as unknown as { __spoken: string[] }).__spoken.length > 1);
    expect((await spokenOnTill())[1]).toBe('Đã nhận một trăm chín mươi chín nghìn tám trăm đồng');
    await sell.goto(`${env.site}/ban-hang`);
    expect(await sell.locator('.underpaid li', { hasText: code }).count()).toBe(0);
    expect(await sell.locator('.sales li', { hasText: code }).textContent()).toContain('đã thanh toán');
    expect(await axeViolations(till)).toEqual([]);
    expect(await axeViolations(sell)).toEqual([]);
    await context.close();
  });

  it('the refund page on a phone: unmatched money is sent back with a refund QR and closed with the bank reference', async () => {
    // Vendor 2's account (two stalls, payOS-style: the payer's account comes with the notification).
    const stray = await pay(
      {
        to: 'TD-A02',
        amountVnd: 35_000,
        memo: 'chuyen nham',
        payer: { name: 'LE VAN C', accountNumber: '0071000999888', bankId: '970436' },
      },
      env.bank,
    );
    expect(stray.deliveries[0]?.body).toMatchObject({ outcome: 'review' });
    const { context } = await phoneAs('+84987000012', { javaScript: false });
    const page = await context.newPage();
    await page.goto(`${env.site}/hoan-tien`);
    const item = page.locator('.unmatched li', { hasText: '35.000' });
    await item.locator('button').click();
    await page.locator('p[role="status"]', { hasText: 'Đã tạo yêu cầu hoàn tiền' }).waitFor();
    const refund = page.locator('li.case.open', { hasText: '35.000' });
    expect(await refund.textContent()).toContain('LE VAN C');
    expect(await refund.locator('.qr svg').count()).toBe(1);
    // Too short a reference is stopped by the form itself (the server says the same: integration tests).
    expect(await refund.locator('input[name="bankReference"]').getAttribute('minlength')).toBe('4');
    await page
      .locator('li.case.open', { hasText: '35.000' })
      .locator('input[name="bankReference"]')
      .fill('FT26341999001');
    await page.locator('li.case.open', { hasText: '35.000' }).locator('button').click();
    await page.locator('p[role="status"]', { hasText: 'Đã ghi nhận hoàn tiền' }).waitFor();
    expect(await page.locator('li.case.refunded', { hasText: 'FT26341999001' }).count()).toBe(1);
    await expectAccessibleTwin(page);
    await context.close();
  });

  it('the manager console shows the market day without JavaScript', async () => {
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
    expect(await page.locator('h1').textContent()).toBe('Quản lý chợ – Chợ Túc Duyên');
    expect(await page.locator('#qr-share').textContent()).toMatch(/100\s?%/);
    expect(Number(await page.locator('#cashless-count').textContent())).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.stalls li').count()).toBe(3);
    expect(await page.locator('.arrears li').count()).toBe(3);
    expect(await page.locator('.arrears li').first().textContent()).toMatch(/còn nợ 300\.000\s₫/);
    await context.close();
  });

  it('without a vendor sign-in the till asks for one and opens no feed', async () => {
    const page = await env.browser.newPage();
    const response = await page.goto(`${env.site}/en/quay-thu`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h2').textContent()).toBe('Vendor sign-in');
    expect(await page.locator('#till-feed').count()).toBe(0);
    await page.close();
  });

  // Books (issue #17): the vendor's book is written from the same verified payments the till shows.
  it('the vendor finds this month’s book on a phone, its total the API’s to the đồng, and downloads it', async () => {
    const minted = await fetch(`${env.stack.apiUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '+84987000011' }),
    });
    const { token } = (await minted.json()) as { token: string };
    const month = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
    const api = await fetch(`${env.stack.apiUrl}/books/sales?period=${month}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const book = (await api.json()) as { totalVnd: number; count: number };
    expect(book.count).toBeGreaterThan(0);
    const context = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
      acceptDownloads: true,
    });
    await context.addCookies([{ name: 'cp_token', value: token, url: env.site }]);
    const page = await context.newPage();
    await page.goto(`${env.site}/so-sach`);
    expect(await page.locator('h1').textContent()).toBe('Sổ sách của hộ kinh doanh');
    expect(await page.locator('[data-testid=book-total]').textContent()).toBe(
      `${new Intl.NumberFormat('vi-VN').format(book.totalVnd)} ₫`,
    );
    expect(await page.locator('[data-testid=meter-level]').textContent()).toContain('Chưa đến mức cần chú ý');
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Tải Excel (.xlsx)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^so-S1a-HKD-\d{4}-\d{2}\.xlsx$/);
    await expectAccessibleTwin(page);

    // Alert settings without JavaScript: SMS off for stock alerts, saved.
    await page.goto(`${env.site}/so-sach/thong-bao`);
    await page.locator('input[name="stock_low.sms"]').uncheck();
    await page.getByRole('button', { name: 'Lưu' }).click();
    expect(await page.locator('[role=status]').first().textContent()).toBe('Đã lưu cài đặt.');
    expect(await page.locator('input[name="stock_low.sms"]').isChecked()).toBe(false);
    expect(await page.locator('input[name="order_paid.sms"]').isChecked()).toBe(true);
    await context.close();
  });
});
