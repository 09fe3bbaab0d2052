/**
 * Issue #14 on a 390×844 phone in Vietnamese, one stack for the file: a buyer pays two farmers from the
 * pay page with only what it shows (bank, account, amount, content read off the page, typed into the bank
 * simulator), a relative pays from the shared link signed out, an order link opened signed out asks for
 * sign-in, the header leads each role to its tools, lists page with true counts, and the producer's desk
 * edits, pauses and ships. Every page passes axe.
 */
import { productRepository } from '@chophien/db';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { useBrowserStack } from '../../support/browser-stack.ts';
import {
  bankCliTransfer,
  expectAt,
  expectNoAxeViolations,
  keepScreenshot,
  phoneContext,
} from '../../support/journeys.ts';
import { signIn } from '../../support/sign-in.ts';

const env = useBrowserStack('phone_e2e');

const TEA = '/san-pham/che-thai-nguyen-bup-tan-cuong'; // farmer 1
const LYCHEE = '/san-pham/vai-thieu-thanh-ha'; // another household

/** What the pay panel of one order shows, read the way a person reads it. */
async function readPanel(page: Page, index: number) {
  const panel = page.locator('section.pay').nth(index);
  const field = async (name: string) =>
    ((await panel.locator(`[data-field="${name}"]`).textContent()) ?? '').trim();
  return {
    panel,
    code: (await panel.getAttribute('data-order-code')) ?? '',
    bank: await field('bank'),
    account: await field('account'),
    holder: await field('holder'),
    amountVnd: Number((await field('amount')).replace(/\D/g, '')),
    content: await field('content'),
  };
}

/** The element lies wholly inside the first screen of a 390×844 phone. */
async function aboveTheFold(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  expect(box, selector).not.toBeNull();
  expect((box?.y ?? 0) + (box?.height ?? 0), selector).toBeLessThanOrEqual(844);
}

describe('issue #14 on a phone (connected, Chromium 390×844)', () => {
  it('lists page with true counts: home says all of them, page 2 holds the rest; every province has a page', async () => {
    // Six more live products than one page holds, written before anything reads the catalog.
    const products = productRepository(env.db);
    const now = new Date().toISOString();
    for (let i = 0; i < 6; i++) {
      const id = ulid();
      await products.put({
        id,
        slug: `mang-tuoi-${id.toLowerCase()}`,
        farmerId: seedId('farmer', 3),
        title: { vi: `Măng tươi số ${i + 1}` },
        description: { vi: 'Măng rừng luộc sẵn.' },
        category: 'rau-cu',
        baseUnit: 'kg',
        packs: [{ id: '1kg', label: { vi: 'Túi 1 kg' }, size: 1, priceVnd: 30_000 }],
        stock: 50,
        province: 'Lào Cai',
        imageUrls: [],
        lotIds: [],
        status: 'published',
        createdAt: now,
        updatedAt: now,
      });
    }
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await page.goto(env.site);
    const live = await page.locator('.section-head span').textContent();
    const total = Number((live ?? '').replace(/\D/g, ''));
    expect(total).toBeGreaterThan(24);
    await expect(page.locator('.grid > li').count()).resolves.toBe(24);
    await expect(page.locator('.pager').textContent()).resolves.toContain('Trang 1/2');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Trang sau' }).click();
    await expectAt(page, /^\/$/);
    expect(new URL(page.url()).searchParams.get('trang')).toBe('2');
    await expect(page.locator('.grid > li').count()).resolves.toBe(total - 24);
    await expectNoAxeViolations(page);

    // A province with nothing listed yet still has its page (not "not found").
    const empty = await page.goto(`${env.site}/tinh/ha-noi`);
    expect(empty?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Đặc sản Hà Nội');
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/Chưa có nông sản của Hà Nội/);
    await expectNoAxeViolations(page);
    expect((await page.goto(`${env.site}/tinh/khong-co-tinh-nay`))?.status()).toBe(404);
    await context.close();
  });

  it('a buyer pays two farmers from the pay page with only what it shows; a relative pays the rest from the shared link', async () => {
    const context = await phoneContext(env.browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.site });
    const page = await context.newPage();

    // Two households' produce in the cart; the header counts it, the cart says what is left and can remove.
    await page.goto(`${env.site}${TEA}`);
    await page.getByLabel('Số lượng').first().fill('2');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).first().click();
    await expectAt(page, /^\/gio-hang$/);
    await page.goto(`${env.site}${LYCHEE}`);
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).first().click();
    await expectAt(page, /^\/gio-hang$/);
    // A third product added by mistake goes with one tap.
    await page.goto(`${env.site}/san-pham/na-dai-la-hien`);
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).first().click();
    await expectAt(page, /^\/gio-hang$/);
    await expect(page.locator('.lines li').count()).resolves.toBe(3);
    await page.getByRole('button', { name: /^Bỏ: Na dai La Hiên/ }).click();
    await expectAt(page, /^\/gio-hang$/);
    const shortcuts = page.getByRole('navigation', { name: 'Lối tắt của tôi' });
    await expect(
      shortcuts.getByRole('link', { name: /Giỏ hàng/ }).getAttribute('data-cart-count'),
    ).resolves.toBe('3');
    await expect(page.locator('.lines li').count()).resolves.toBe(2);
    await expect(page.locator('.lines li .left').first().textContent()).resolves.toMatch(/còn \d+/);
    await expect(page.locator('.farmers-note').textContent()).resolves.toContain('2 nông hộ');
    await expectNoAxeViolations(page);

    // Checkout: sign in with the number as the sign-in page shows it; it comes back filled in.
    await page.getByRole('link', { name: 'Thanh toán' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Đăng nhập' }).click();
    await signIn(page, env.site, '0987 000 001', '/thanh-toan');
    await expect(page.getByLabel('Số điện thoại').inputValue()).resolves.toBe('0987 000 001');
    await expect(page.locator('.farmers-note').textContent()).resolves.toMatch(/chuyển khoản 2 lần/);
    await page.getByLabel('Họ và tên').fill('Trần Minh Anh');
    // Delivery with no address is refused, in the buyer's words, beside the field.
    await page.getByRole('radio', { name: 'Giao tận nơi' }).check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await expectAt(page, /^\/thanh-toan$/);
    await expect(page.locator('#address-err').textContent()).resolves.toBe(
      'Ghi địa chỉ giao hàng: số nhà, thôn/xóm, xã/phường, tỉnh.',
    );
    await expectNoAxeViolations(page);
    await page.getByLabel('Địa chỉ giao hàng').fill('Số 5, ngõ 12, phường Phan Đình Phùng, Thái Nguyên');
    await page.getByRole('button', { name: 'Đặt hàng' }).click();

    // One purchase page: why two transfers, then each farmer's QR and details, the first above the fold.
    await expectAt(page, /^\/thanh-toan\/[A-Za-z0-9_-]{22}$/);
    const payLink = page.url();
    await expect(page.locator('.purchase-why').textContent()).resolves.toMatch(
      /2 nông hộ.*2 lần chuyển khoản/,
    );
    await expect(page.locator('section.pay').count()).resolves.toBe(2);
    for (const selector of [
      'section.pay svg[role="img"]',
      '[data-field="account"]',
      '[data-field="amount"]',
      '[data-field="content"]',
    ])
      await aboveTheFold(page, selector);
    await expectNoAxeViolations(page);
    await keepScreenshot(page, 'phone-pay-link');

    const first = await readPanel(page, 0);
    expect(first.account).toMatch(/^\d{6,19}$/); // in full: the payer types or pastes it
    expect(first.content).toBe(first.code);
    expect(first.amountVnd).toBeGreaterThan(0);
    // The copy button puts exactly the number on the clipboard.
    await first.panel.getByRole('button', { name: 'Sao chép: Số tài khoản' }).click();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(first.account);

    // "Lưu ảnh mã QR" saves a PNG that a bank app reads back to the same account, amount and content.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      first.panel.getByRole('link', { name: 'Lưu ảnh mã QR' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`VietQR-${first.code}.png`);
    const png = PNG.sync.read(await streamBytes(await download.createReadStream()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
    const { parseVietQR } = await import('@chophien/vietqr');
    const parsed = parseVietQR(decoded);
    expect(parsed.ok && parsed.data).toMatchObject({ accountNumber: first.account, amount: first.amountVnd });
    expect(parsed.ok && parsed.data.additional.purpose).toBe(first.content);

    // The buyer types what the page shows into their bank app: the simulator gets nothing else.
    const paid = await bankCliTransfer(env.stack, {
      bank: first.bank,
      account: first.account,
      amountVnd: first.amountVnd,
      content: first.content,
    });
    expect(paid.stdout).toMatch(/HTTP 200 .*"outcome":"order"/);
    // No tap, no reload by hand: the page shows it.
    await page
      .locator(`section.pay[data-order-code="${first.code}"] .pay-status`)
      .filter({ hasText: 'Đã thanh toán' })
      .waitFor({ timeout: 20_000 });
    await expectNoAxeViolations(page);

    // A relative opens the shared link on their own phone, signed out: only what paying needs.
    const relative = await phoneContext(env.browser);
    const other = await relative.newPage();
    await other.goto(payLink);
    const mainText = (await other.locator('main').textContent()) ?? '';
    expect(mainText).not.toContain('Phan Đình Phùng');
    expect(mainText).not.toContain('0987');
    expect(mainText).not.toContain('Trần Minh Anh');
    const second = await readPanel(other, 1);
    expect(second.code).not.toBe(first.code);
    await expectNoAxeViolations(other);
    const paid2 = await bankCliTransfer(env.stack, {
      bank: second.bank,
      account: second.account,
      amountVnd: second.amountVnd,
      content: second.content,
    });
    expect(paid2.stdout).toMatch(/HTTP 200 .*"outcome":"order"/);
    await other.getByRole('status').filter({ hasText: 'Đã nhận đủ tiền' }).waitFor({ timeout: 20_000 });
    await relative.close();

    // My orders keeps the two orders together as one purchase.
    await page.goto(`${env.site}/don-hang`);
    await expect(page.locator('.purchases > li').first().locator('li').count()).resolves.toBe(2);
    await expectNoAxeViolations(page);
    await context.close();
  });

  it('an order link opened signed out asks for sign-in and comes back to the order', async () => {
    const buyerContext = await phoneContext(env.browser);
    const buyerPage = await buyerContext.newPage();
    await signIn(buyerPage, env.site, '+84987000001', '/don-hang');
    const orderHref = (await buyerPage.locator('.purchases li li a').first().getAttribute('href')) ?? '';
    expect(orderHref).toMatch(/^\/don-hang\/[0-9A-Z]+$/);
    await buyerContext.close();

    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    const response = await page.goto(`${env.site}${orderHref}`);
    expect(response?.status()).toBe(401);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Đăng nhập bằng số điện thoại đã đặt hàng',
    );
    await expectNoAxeViolations(page);
    await page.getByRole('main').getByRole('link', { name: 'Đăng nhập' }).click();
    expect(new URL(page.url()).searchParams.get('next')).toBe(orderHref);
    await signIn(page, env.site, '+84987000001', orderHref);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Đơn hàng CP/);
    await context.close();
  });

  it('after sign-in each role lands where it works and the header links its tools', async () => {
    for (const [phone, landing, tools] of [
      ['+84912000001', '/nong-dan', ['Bàn nhà vườn']],
      ['+84987000011', '/ban-hang', ['Bán hàng', 'Quầy thu']],
      // A new buyer (no seeded role): +84987000001 has had this file's three sign-in codes of 15 minutes (0900).
      ['+84987000071', '/', []],
    ] as const) {
      const context = await phoneContext(env.browser);
      const page = await context.newPage();
      // No page to go back to ("/"): the sign-in lands where the role works, or throws.
      await signIn(page, env.site, phone, '/', landing);
      const shortcuts = page.getByRole('navigation', { name: 'Lối tắt của tôi' });
      await expect(shortcuts.getByRole('link', { name: 'Đơn hàng' }).count()).resolves.toBe(1);
      for (const tool of tools)
        await expect(shortcuts.getByRole('link', { name: tool }).count(), tool).resolves.toBe(1);
      await context.close();
    }
  });
  it('the producer’s desk: stock and prices the Vietnamese way, pause and publish, and a paid order packed, sent and delivered', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await signIn(page, env.site, '+84912000001', '/nong-dan');
    await expectNoAxeViolations(page);

    // The paid delivery order from the buyer above: address and buttons in the farmer's words.
    const order = page.locator('.items li', { hasText: 'Phan Đình Phùng' }).first();
    await expect(order.locator('.deliver-to').textContent()).resolves.toContain(
      'Số 5, ngõ 12, phường Phan Đình Phùng',
    );
    const code = /CP[0-9A-Z]{6}/.exec((await order.textContent()) ?? '')?.[0] as string;
    for (const step of ['Đã đóng gói', 'Đã gửi đi', 'Đã giao xong']) {
      await page.getByRole('button', { name: `${step} · ${code}` }).click();
      await expectAt(page, /^\/nong-dan$/);
      await expect(page.getByRole('status').textContent()).resolves.toBe('Đã cập nhật đơn hàng.');
    }
    await expect(page.locator('.items li', { hasText: code }).first().textContent()).resolves.toContain(
      'Hoàn tất',
    );

    // The tea listing's own page on the desk.
    await page.getByRole('link', { name: 'Chè Thái Nguyên búp Tân Cương' }).first().click();
    await expectAt(page, /^\/nong-dan\/san-pham\/[0-9A-Z]+$/);
    await expectNoAxeViolations(page);
    const stock = page.locator('form', { has: page.locator('input[name="intent"][value="stock"]') });
    // "1,5" is a decimal, never 15: refused for a stock counted in g, with a way out.
    await stock.getByLabel(/Còn trong kho/).fill('1,5');
    await stock.getByRole('button', { name: 'Cập nhật tồn kho' }).click();
    await expect(page.locator('#stock-stock-error').textContent()).resolves.toMatch(/số nguyên.*1\.500/);
    await expectNoAxeViolations(page);
    await stock.getByLabel(/Còn trong kho/).fill('45.000');
    await stock.getByRole('button', { name: 'Cập nhật tồn kho' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Đã cập nhật tồn kho.');
    await expect(page.locator('.meta').first().textContent()).resolves.toContain('Tồn kho: 45.000 g');

    // A new price written with thousands dots.
    const edit = page.locator('form', { has: page.locator('input[name="intent"][value="edit"]') });
    await edit.locator('#edit-packs-0-priceVnd').fill('50.000');
    await edit.getByRole('button', { name: 'Lưu' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Đã lưu thay đổi.');
    await expect(edit.locator('#edit-packs-0-priceVnd').inputValue()).resolves.toBe('50.000');

    // Pause: the product leaves the market; too little stock cannot go back on sale; then it does.
    await page.getByRole('button', { name: 'Tạm ngừng bán' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/Đã tạm ngừng bán/);
    const slugPath = TEA;
    const buyerView = await context.newPage();
    expect((await buyerView.goto(`${env.site}${slugPath}`))?.status()).toBe(404);
    await stock.getByLabel(/Còn trong kho/).fill('50');
    await stock.getByRole('button', { name: 'Cập nhật tồn kho' }).click();
    await page.getByRole('button', { name: 'Đăng bán' }).click();
    await expect(page.getByRole('alert').first().textContent()).resolves.toMatch(
      /Tồn kho 50 g chưa đủ cho một gói 100 g/,
    );
    await expectNoAxeViolations(page);
    await stock.getByLabel(/Còn trong kho/).fill('45.000');
    await stock.getByRole('button', { name: 'Cập nhật tồn kho' }).click();
    await page.getByRole('button', { name: 'Đăng bán' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Sản phẩm đang được bán.');
    // A new visitor (the 404 above may be cached for a minute by the browser that saw it).
    const visitor = await (await phoneContext(env.browser)).newPage();
    expect((await visitor.goto(`${env.site}${slugPath}`))?.status()).toBe(200);
    await expect(visitor.getByText('50.000 ₫').count()).resolves.toBeGreaterThan(0);
    await visitor.context().close();
    await keepScreenshot(page, 'phone-desk-listing');
    await context.close();
  });
});

async function streamBytes(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
