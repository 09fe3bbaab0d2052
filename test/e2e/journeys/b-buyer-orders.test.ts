import { describe, expect, it } from 'vitest';
import { useBrowserStack } from '../../support/browser-stack.ts';
import {
  bankCliPay,
  expectAt,
  expectNoAxeViolations,
  keepScreenshot,
  phoneContext,
} from '../../support/journeys.ts';
import { signIn } from '../../support/sign-in.ts';

const BUYER = { phone: '+84987000001', name: 'Trần Minh Anh', localPhone: '0987000001' };

const env = useBrowserStack('journey_b');

describe('journey B: a buyer orders tea on her phone and pays by VietQR', () => {
  it('search without accents → origin → two packs → pickup order → VietQR → bank pays → "Đã thanh toán"', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();

    // Home: the search box takes "che thai nguyen" typed without diacritics.
    await page.goto(env.site);
    await expectNoAxeViolations(page);
    const search = page.getByRole('search');
    await search.getByLabel('Tìm nông sản').fill('che thai nguyen');
    await search.getByRole('button', { name: 'Tìm' }).click();
    await expectAt(page, /^\/tim-kiem$/);
    expect(new URL(page.url()).searchParams.get('q')).toBe('che thai nguyen');
    await expectNoAxeViolations(page);

    // The tea is the first result.
    const first = page.locator('.card h3 a').first();
    await expect(first.textContent()).resolves.toMatch(/^Chè Thái Nguyên/);
    await first.click();
    await expectAt(page, /^\/san-pham\/[a-z0-9-]+$/);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Chè Thái Nguyên/);

    // Origin (contract C2): farm, commune, province and planting-area code, with a link to the trace page.
    const origin = page.locator('section#nguon-goc');
    await expect(origin.getByRole('heading', { level: 2, name: 'Nguồn gốc' }).count()).resolves.toBe(1);
    const originText = (await origin.textContent()) ?? '';
    expect(originText).toContain('Hộ Nguyễn Văn Thành'); // the farm (seeded household of farmer 1)
    expect(originText).toContain('xã Tân Cương');
    expect(originText).toContain('Thái Nguyên');
    expect(originText).toContain('VN-TNOR-0012'); // its planting-area code
    await expect(origin.getByRole('link', { name: /^Xem truy xuất/ }).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page);

    // Two packs of the first size into the cart.
    await page.getByLabel('Số lượng').first().fill('2');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).first().click();
    await expectAt(page, /^\/gio-hang$/);
    await expect(page.locator('.lines li').count()).resolves.toBe(1);
    const lineQuantity = page.locator('.lines li input[name="quantity"]');
    await expect(lineQuantity.inputValue()).resolves.toBe('2');
    const cartTotal = (await page.locator('.total strong').textContent()) ?? '';
    const totalVnd = Number(cartTotal.replace(/\D/g, ''));
    expect(totalVnd).toBe(90_000); // 2 × the 100 g pack at 45.000 ₫
    await expectNoAxeViolations(page);

    // Checkout asks who is buying: the buyer signs in and comes back to it.
    await page.getByRole('link', { name: 'Thanh toán' }).click();
    await expectAt(page, /^\/thanh-toan$/);
    await page.getByRole('main').getByRole('link', { name: 'Đăng nhập' }).click();
    await expectAt(page, /^\/dang-nhap$/);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/thanh-toan');
    await expectNoAxeViolations(page);
    await signIn(page, env.site, BUYER.phone, '/thanh-toan');
    await expectAt(page, /^\/thanh-toan$/);
    await expectNoAxeViolations(page);

    await page.getByLabel('Họ và tên').fill(BUYER.name);
    await page.getByLabel('Số điện thoại').fill(BUYER.localPhone);
    await page.getByRole('radio', { name: /Nhận tại/ }).check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    // The purchase's pay page (decision 0610): the VietQR with a name, the amount and the order code.
    await expectAt(page, /^\/thanh-toan\/[A-Za-z0-9_-]{22}$/);
    const panel = page.locator('section.pay');
    const code = (await panel.getAttribute('data-order-code')) ?? '';
    expect(code).toMatch(/^CP[0-9A-Z]{6}$/);
    await expect(panel.locator('.pay-status').textContent()).resolves.toBe('Chờ thanh toán');
    const qr = page.getByRole('img', { name: /VietQR/ });
    await expect(qr.count()).resolves.toBe(1);
    const qrName = (await qr.locator('title').textContent()) ?? '';
    expect(qrName).toContain(code);
    expect(qrName.replace(/\D/g, '')).toContain(String(totalVnd));
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(code);
    expect(main).toContain(cartTotal.trim());
    await expectNoAxeViolations(page);

    // The buyer's bank transfers the amount with the code in the memo: the simulator's real CLI.
    const paid = await bankCliPay(env.stack, code, totalVnd);
    expect(paid.stdout).toMatch(/HTTP 200 .*"outcome":"order"/);

    // No tap, no reload by hand: the page notices and shows the new status.
    await page.getByRole('status').filter({ hasText: 'Đã nhận đủ tiền' }).waitFor({ timeout: 20_000 });
    await expect(panel.locator('.pay-status').textContent()).resolves.toMatch(/^Đã thanh toán/);
    await expect(page.getByRole('img', { name: /VietQR/ }).count()).resolves.toBe(0);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, 'b-buyer-orders');
    await context.close();
  });
});
