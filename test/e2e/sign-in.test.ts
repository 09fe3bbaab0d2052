import { describe, expect, it } from 'vitest';
import { axeViolations, useBrowserStack } from '../support/browser-stack.ts';
import { signIn } from '../support/sign-in.ts';

const env = useBrowserStack('signin_e2e');

const VENDOR = '+84987000011';

describe('phone sign-in at /dang-nhap, without JavaScript (connected, Chromium)', () => {
  it('the seeded vendor signs in through /dang-nhap?next=/ban-hang, lands there signed in, then signs out', async () => {
    const context = await env.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();

    // Signed out, the sell screen offers the phone sign-in that comes back here.
    await page.goto(`${env.site}/ban-hang`);
    const link = page.getByRole('link', { name: 'Đăng nhập bằng số điện thoại' });
    await expect(link.getAttribute('href')).resolves.toBe('/dang-nhap?next=%2Fban-hang');

    await signIn(page, env.site, VENDOR, '/ban-hang');
    expect(new URL(page.url()).pathname).toBe('/ban-hang');
    await expect(page.getByRole('heading', { level: 2, name: /TD-A01/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Đăng nhập bằng số điện thoại' }).count()).resolves.toBe(0);
    const cookie = (await context.cookies()).find((c) => c.name === 'cp_token');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    expect((await context.cookies()).some((c) => c.name === 'cp_signin')).toBe(false);
    // The header names who is signed in (this page is no-store, so it is never shared by a cache).
    await expect(page.locator('.account .who').textContent()).resolves.toBe('Vũ Thị Hạnh');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/');
    expect((await context.cookies()).some((c) => c.name === 'cp_token')).toBe(false);
    await page.goto(`${env.site}/ban-hang`);
    await expect(page.getByRole('link', { name: 'Đăng nhập bằng số điện thoại' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('a wrong code is announced and the right one still works; a foreign next lands where the role works, on this site', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // `/.//host` resolves to `//host` (another site) once dot segments are removed.
    await page.goto(`${env.site}/dang-nhap?next=${encodeURIComponent('/.//evil.example/x')}`);
    await page.getByLabel('Số điện thoại').fill('0987 000 011');
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.waitForLoadState();
    const code = /(\d{6})$/.exec((await page.getByTestId('dev-code').textContent())?.trim() ?? '')![1]!;
    await page.getByLabel('Mã xác nhận').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Mã xác nhận không đúng. Còn 4 lần thử.',
    );
    await expect(page.getByLabel('Mã xác nhận').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Mã xác nhận').fill(code);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForLoadState();
    // Never the foreign site: the vendor lands on their sell screen (decision 0412).
    expect(new URL(page.url()).href).toBe(`${env.site}/ban-hang`);
    expect((await context.cookies()).some((c) => c.name === 'cp_token')).toBe(true);
    // Signed in, the page offers a "continue" link to next: never off-site either.
    for (const foreign of ['/a/..//evil.example', '/%2e%2e//evil.example', '/\\evil.example']) {
      await page.goto(`${env.site}/dang-nhap?next=${encodeURIComponent(foreign)}`);
      await expect(page.getByRole('link', { name: 'Tiếp tục' }).getAttribute('href')).resolves.toBe('/');
    }
    await context.close();
  });

  it('a new number signs up as a buyer, in English', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.site}/en/dang-nhap?next=/en/don-hang`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await page.getByLabel('Phone number').fill('0977 123 456');
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.waitForLoadState();
    await expect(page.getByText('We sent a code to 0977 123 456.').count()).resolves.toBe(1);
    const code = /(\d{6})$/.exec((await page.getByTestId('dev-code').textContent())?.trim() ?? '')![1]!;
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe('/en/don-hang');
    const me = await fetch(`${env.stack.apiUrl}/me`, {
      headers: {
        authorization: `Bearer ${(await context.cookies()).find((c) => c.name === 'cp_token')!.value}`,
      },
    }).then((response) => response.json());
    expect(me).toMatchObject({ phone: '+84977123456', roles: ['buyer'], registered: true });
    await context.close();
  });

  it('a fourth code to one phone within 15 minutes is refused in Vietnamese, and no code is sent', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const ask = async () => {
      await page.goto(`${env.site}/dang-nhap`);
      await page.getByLabel('Số điện thoại').fill('0987 000 014');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Gửi mã' }).click(),
      ]);
      await page.waitForLoadState();
      return response.status();
    };
    for (let i = 0; i < 3; i++) {
      expect(await ask()).toBe(200);
      await expect(page.getByTestId('dev-code').count()).resolves.toBe(1);
    }
    expect(await ask()).toBe(429);
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(
      /^Số điện thoại này đã nhận nhiều mã đăng nhập\. Vui lòng đợi \d+ phút rồi thử lại\.$/,
    );
    await expect(page.getByTestId('dev-code').count()).resolves.toBe(0);
    await context.close();
  });

  it('an invalid number is refused on the page, field by field', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.site}/dang-nhap`);
    await page.getByLabel('Số điện thoại').fill('12345');
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Số điện thoại chưa đúng');
    await expect(page.getByLabel('Số điện thoại').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Số điện thoại').inputValue()).resolves.toBe('12345');
    await context.close();
  });

  it('/dang-nhap passes axe in both steps and both languages, with 44px targets', async () => {
    // A scripted context (axe runs in the page); the pages themselves need no JavaScript.
    const context = await env.browser.newContext();
    const page = await context.newPage();
    for (const path of ['/dang-nhap?next=/ban-hang', '/en/dang-nhap']) {
      await page.goto(`${env.site}${path}`);
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.goto(`${env.site}/dang-nhap`);
    await page.getByLabel('Số điện thoại').fill('0987000012');
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await page.waitForLoadState();
    await expect(page.getByLabel('Mã xác nhận').count()).resolves.toBe(1);
    for (const target of [
      page.getByLabel('Mã xác nhận'),
      page.getByRole('button', { name: 'Đăng nhập', exact: true }),
    ]) {
      expect((await target.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});
