import { describe, expect, it } from 'vitest';
import { pay } from '../../../infra/local/src/bank/simulator.ts';
import { useBrowserStack } from '../../support/browser-stack.ts';
import {
  expectAt,
  expectNoAxeViolations,
  keepMeasurement,
  keepScreenshot,
  phoneContext,
} from '../../support/journeys.ts';
import { signIn } from '../../support/sign-in.ts';

const VENDOR = { phone: '+84987000011', stall: 'TD-A01' };
const AMOUNT = 37_000;

const env = useBrowserStack('journey_c');

type Spoken = { __spoken: string[]; __rowSeenAt?: number };

describe('journey C: a vendor sees a QR payment on her live till and hears it', () => {
  it('signs in → /quay-thu → the bank pays TD-A01 → the row appears and is spoken in Vietnamese', async () => {
    const context = await phoneContext(env.browser);
    // The phone's speech engine, stubbed: the journey checks what the till asks it to say.
    await context.addInitScript(() => {
      const spoken: string[] = [];
      (window as unknown as Spoken).__spoken = spoken;
      window.speechSynthesis.speak = (utterance: SpeechSynthesisUtterance) => {
        spoken.push(`${utterance.lang}|${utterance.text}`);
      };
      // The phone has a Vietnamese voice (the headless browser's own list is whatever the machine has).
      const voices = [
        { lang: 'vi-VN', name: 'Tiếng Việt', default: false, localService: true, voiceURI: 'vi' },
      ];
      window.speechSynthesis.getVoices = () => voices as unknown as SpeechSynthesisVoice[];
    });
    const page = await context.newPage();
    const feedOpened = page.waitForResponse((response) => response.url().includes('/local/markets/till'));
    await signIn(page, env.site, VENDOR.phone, '/quay-thu');
    await expectAt(page, /^\/quay-thu$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Quầy thu trực tiếp');
    expect((await feedOpened).status()).toBe(200);
    await expectNoAxeViolations(page);
    // A real phone speaks only after a tap: she switches the voice on (what the tap itself says is cleared).
    await page.getByRole('button', { name: 'Bật loa đọc số tiền' }).click();
    await page.locator('#till-voice-state:not([data-state="off"])').waitFor();
    await page.evaluate(() => {
      (window as unknown as Spoken).__spoken.length = 0;
    });
    const rowsBefore = await page.locator('#till-feed li').count();

    // Note the moment the row shows up, in the page's own clock (the same machine's clock as ours).
    await page.evaluate((amountText) => {
      const state = window as unknown as Spoken;
      const seen = () =>
        Array.from(document.querySelectorAll('#till-feed li')).some((li) =>
          li.textContent?.includes(amountText),
        );
      new MutationObserver((_, observer) => {
        if (!seen()) return;
        state.__rowSeenAt = Date.now();
        observer.disconnect();
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, '37.000');

    const sentAt = Date.now();
    const paid = await pay({ to: VENDOR.stall, amountVnd: AMOUNT }, env.bank);
    expect(paid.deliveries).toEqual([
      { status: 200, body: expect.objectContaining({ outcome: 'credited' }) },
    ]);

    const row = page.locator('#till-feed li', { hasText: '37.000' });
    await row.waitFor();
    expect(await page.locator('#till-feed li').count()).toBe(rowsBefore + 1);
    expect(await row.textContent()).toContain(VENDOR.stall);
    await page.waitForFunction(() => (window as unknown as Spoken).__spoken.length > 0);
    expect(await page.evaluate(() => (window as unknown as Spoken).__spoken)).toEqual([
      'vi-VN|Đã nhận ba mươi bảy nghìn đồng',
    ]);
    await page.waitForFunction(() => (window as unknown as Spoken).__rowSeenAt !== undefined);
    const seenAt = await page.evaluate(() => (window as unknown as Spoken).__rowSeenAt as number);
    keepMeasurement('c-vendor-live-till', { tillRowMs: seenAt - sentAt });

    await expectNoAxeViolations(page);
    await keepScreenshot(page, 'c-vendor-live-till');
    await context.close();
  });
});
