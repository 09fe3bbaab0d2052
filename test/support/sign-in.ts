import type { Page } from 'playwright-core';

/**
 * Signs a person in the way they would: `/dang-nhap?next=…`, phone, "Gửi mã", the one-time code the
 * local dev identity provider shows on the page (`data-testid="dev-code"`), "Đăng nhập", then the 303
 * back to `next` (with `next` "/", to where the person's role works: `landing`, default "/").
 * Works with JavaScript on or off; throws with the page's error text if sign-in fails.
 * Contract C1 (docs/decisions/0403-phone-sign-in.md).
 */
export async function signIn(
  page: Page,
  siteUrl: string,
  phone: string,
  next: string,
  landing = next,
): Promise<void> {
  const start = new URL('/dang-nhap', siteUrl);
  start.searchParams.set('next', next);
  await page.goto(start.href);

  await page.locator('#phone').fill(phone);
  await page
    .locator('form', { has: page.locator('#phone') })
    .getByRole('button', { name: 'Gửi mã' })
    .click();
  await page.waitForLoadState();
  const devCode = page.getByTestId('dev-code');
  if ((await devCode.count()) === 0)
    throw new Error(`Sign-in step 1 failed for ${phone}: ${await alertText(page)}`);
  const code = /(\d{6})\s*$/.exec((await devCode.textContent()) ?? '')?.[1];
  if (!code) throw new Error(`No one-time code on the page for ${phone}: ${await devCode.textContent()}`);

  await page.locator('#code').fill(code);
  await page
    .locator('form', { has: page.locator('#code') })
    .getByRole('button', { name: 'Đăng nhập' })
    .click();
  await page.waitForLoadState();
  const expected = new URL(landing, siteUrl).pathname;
  if (new URL(page.url()).pathname !== expected) {
    throw new Error(`Sign-in for ${phone} ended at ${page.url()}, not ${expected}: ${await alertText(page)}`);
  }
}

async function alertText(page: Page): Promise<string> {
  const alerts = page.getByRole('alert');
  return (await alerts.count()) > 0
    ? (await alerts.allTextContents()).join(' ').trim() || '(empty alert)'
    : '(no alert)';
}
