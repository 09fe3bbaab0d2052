import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessibleTwin, useBrowserStack } from '../../support/browser-stack.ts';
import { signIn } from '../../support/sign-in.ts';

const env = useBrowserStack('marketplace_e2e');

/** Form posts answer 303 and the env.browser follows; by then the load has happened, so check where we are. */
async function expectAt(page: Page, path: RegExp) {
  await page.waitForLoadState();
  expect(new URL(page.url()).pathname).toMatch(path);
}

const TEA = '/san-pham/che-thai-nguyen-bup-tan-cuong';

describe('storefront: product → cart → checkout → order status, without JavaScript (connected, Chromium)', () => {
  it('the product page shows packs from one pool, VND prices as schema.org Product JSON-LD, and passes axe', async () => {
    const context = await env.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const response = await page.goto(`${env.site}${TEA}`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Chè Thái Nguyên búp Tân Cương');
    await expect(page.title()).resolves.toMatch(/Chè Thái Nguyên búp Tân Cương – 45\.000/);
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}');
    expect(ld['@type']).toBe('Product');
    expect(
      ld.offers.map((o: { price: number; priceCurrency: string }) => [o.price, o.priceCurrency]),
    ).toEqual([
      [45_000, 'VND'],
      [210_000, 'VND'],
      [400_000, 'VND'],
    ]);
    await expect(page.getByText('còn 500').count()).resolves.toBe(1); // 50 kg pool / 100 g packs
    await expectAccessibleTwin(page);
    await context.close();
  });

  it('speaks English under /en', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.site}/en${TEA}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Tan Cuong Thai Nguyen bud tea');
    await expect(page.getByRole('button', { name: 'Add to cart' }).count()).resolves.toBe(3);
    await context.close();
  });

  it('a buyer adds two packs, signs in, checks out and sees the order with its VietQR — all without JavaScript', async () => {
    const context = await env.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    // Workaround, reported to the env.site owner: with `security.checkOrigin` and no `allowedDomains`,
    // Astro 5 ignores the Host header and takes the request origin to be "http://localhost", so every
    // same-env.site form POST is refused (403) in local mode. Until the config lists the local hosts, the
    // env.browser's Origin is rewritten to what Astro expects.
    await context.route('**/*', (route) =>
      route.continue({ headers: { ...route.request().headers(), origin: 'http://localhost' } }),
    );
    const page = await context.newPage();
    await page.goto(`${env.site}${TEA}`);
    await page.getByLabel('Số lượng').first().fill('2');
    await page.getByRole('button', { name: 'Thêm vào giỏ' }).first().click();
    await expectAt(page, /\/gio-hang$/);
    await expect(page.locator('.total').textContent()).resolves.toMatch(/90\.000/);
    await expectAccessibleTwin(page);

    await page.getByRole('link', { name: 'Thanh toán' }).click();
    await expectAt(page, /\/thanh-toan$/);
    // Not signed in: checkout offers the phone sign-in and comes back here with the cart intact.
    await page.getByRole('link', { name: 'Đăng nhập' }).first().waitFor();
    await signIn(page, env.stack.siteUrl!, '+84987000001', '/thanh-toan');
    await expectAt(page, /\/thanh-toan$/);
    await expectAccessibleTwin(page);

    // A wrong phone number is refused with a message beside the field.
    await page.getByLabel('Số điện thoại').fill('12');
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    await expect(page.locator('#phone-err').textContent()).resolves.toBe(
      'Số điện thoại chưa đúng. Ghi 10 số, ví dụ 0987 000 001.',
    );

    await page.getByLabel('Số điện thoại').fill('0987000001');
    await page.getByRole('radio', { name: /Nhận tại/ }).check();
    await page.getByRole('button', { name: 'Đặt hàng' }).click();
    // The purchase's pay page (decision 0610): the order, its VietQR, and the account in full for the payer.
    await expectAt(page, /\/thanh-toan\/[A-Za-z0-9_-]{22}$/);
    await expect(page.locator('section.pay h2').textContent()).resolves.toMatch(/Đơn CP[2-9A-HJKMNP-Z]{6}/);
    await expect(page.locator('.pay-status').textContent()).resolves.toBe('Chờ thanh toán');
    await expect(page.locator('.pay-qr svg').count()).resolves.toBe(1);
    await expect(page.locator('[data-field="account"]').textContent()).resolves.toBe('3904205123001');
    // Without JavaScript the copy buttons stay hidden: the text is there to select.
    await expect(page.getByRole('button', { name: /Sao chép/ }).count()).resolves.toBe(0);
    await expectAccessibleTwin(page);
    await context.close();
  });

  it('search works without diacritics and without JavaScript, and passes axe', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${env.site}/tim-kiem`);
    await page.getByLabel('Tìm nông sản').fill('vai thieu');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await expectAt(page, /\/tim-kiem$/);
    await expect(page.locator('.card h3').first().textContent()).resolves.toBe('Vải thiều Thanh Hà');
    await expectAccessibleTwin(page);
    await context.close();
  });

  it('a farmer signs in, marks a paid order ready and sees the day’s sales — without JavaScript', async () => {
    const { recordOrderPayment } = await import('@chophien/core');
    const { createDb, orderRepository } = await import('@chophien/db');
    const db = createDb();
    const orders = orderRepository(db);
    const [order] = await orders.listByFarmer('01SEEDFARMER00000000000001', { limit: 1 });
    expect(order).toBeDefined();
    if (!order) return;
    await recordOrderPayment(
      { orders },
      {
        provider: 'sepay',
        providerTransactionId: `e2e-${order.id}`,
        amountVnd: order.totalVnd,
        memo: order.code,
        receivedAt: new Date().toISOString(),
        receivingAccount: { bin: '970405', accountNumber: '3904205123001' },
        orderCode: order.code,
      },
    );
    db.raw.destroy();

    const context = await env.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    await context.route('**/*', (route) =>
      route.continue({ headers: { ...route.request().headers(), origin: 'http://localhost' } }),
    );
    const page = await context.newPage();
    await signIn(page, env.site, '+84912000001', '/nong-dan');
    await expectAt(page, /\/nong-dan$/);
    await expect(page.locator('table tbody tr').count()).resolves.toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: `Sẵn sàng để nhận · ${order.code}` }).click();
    await expectAt(page, /\/nong-dan$/);
    await expect(page.locator('li', { hasText: order.code }).textContent()).resolves.toContain(
      'Sẵn sàng để nhận',
    );
    await expectAccessibleTwin(page);
    await context.close();
  });

  it('category and province pages list the right produce and pass axe', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    expect((await page.goto(`${env.site}/tinh/hai-phong`))?.status()).toBe(200);
    await expect(page.locator('h1').textContent()).resolves.toBe('Đặc sản Hải Phòng');
    await expect(page.getByRole('link', { name: 'Vải thiều Thanh Hà' }).count()).resolves.toBe(1);
    await expectAccessibleTwin(page);
    expect((await page.goto(`${env.site}/danh-muc/trai-cay`))?.status()).toBe(200);
    await expect(page.getByRole('link', { name: 'Na dai La Hiên' }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'Tỏi Kinh Môn' }).count()).resolves.toBe(0);
    await expectAccessibleTwin(page);
    expect((await page.goto(`${env.site}/danh-muc/xe-may`))?.status()).toBe(404);
    await context.close();
  });

  it('a form post of megabytes is refused with 413 before any page reads it (the photo page keeps its own cap)', async () => {
    const big = `productId=x&packId=y&quantity=1&pad=${'a'.repeat(3 * 1024 * 1024)}`;
    const post = (path: string, body: string) =>
      fetch(`${env.site}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: env.site },
        body,
        redirect: 'manual',
      });
    const refused = await post('/gio-hang', big);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toMatch(/^Nội dung gửi lên quá lớn/);
    // An ordinary cart post still works, and its cookie is HttpOnly and SameSite=Lax (Secure only over HTTPS).
    const ok = await post('/gio-hang', 'productId=x&packId=y&quantity=1&action=add');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/^cp_cart=.*; HttpOnly; SameSite=Lax/);
    expect(ok.headers.get('set-cookie')).not.toMatch(/Secure/);
    // The photo page answers this size itself (sign-in needed), not with the form cap.
    expect((await post('/nong-dan/san-pham/01ARZ3NDEKTSV4RRFFQ69G5FAV/anh', big)).status).not.toBe(413);
  });

  it('hostile producer text stays text in the HTML, <title>, <meta> and JSON-LD of a real product page', async () => {
    const { productRepository } = await import('@chophien/db');
    const titles = [
      '</script><script>window.pwned=1</script>Chè',
      '"><img src=x onerror="window.pwned=1">Vải',
      "Na dai' onmouseover='window.pwned=1",
      'Miến <!-- dong --> \u2028 & "ngon"',
      '\u202eGạo nếp cái hoa vàng',
    ];
    const context = await env.browser.newContext();
    const page = await context.newPage();
    for (const [i, title] of titles.entries()) {
      const id = `01HOSTILEPRODUCT00000000${String(i).padStart(2, '0')}`;
      const now = new Date().toISOString();
      await productRepository(env.db).put({
        id,
        slug: `hostile-${i}`,
        farmerId: '01SEEDFARMER00000000000001',
        title: { vi: title },
        description: { vi: `Mô tả: ${title}` },
        category: 'dac-san-che-bien',
        baseUnit: 'piece',
        packs: [{ id: 'goi', label: { vi: `Gói ${title}` }, size: 1, priceVnd: 10_000 }],
        stock: 5,
        province: 'Thái Nguyên',
        imageUrls: [],
        lotIds: [],
        status: 'published',
        createdAt: now,
        updatedAt: now,
      });
      expect((await page.goto(`${env.site}/san-pham/hostile-${i}`))?.status()).toBe(200);
      // With JavaScript on: any injected script or handler would have run.
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      await expect(page.locator('h1').textContent()).resolves.toBe(title);
      await expect(page.title()).resolves.toContain(title.slice(0, 12));
      await expect(page.locator('meta[name="description"]').getAttribute('content')).resolves.toBe(
        `Mô tả: ${title}`,
      );
      const scripts = page.locator('script');
      await expect(scripts.count()).resolves.toBe(1);
      const ld = JSON.parse((await scripts.first().textContent()) ?? '{}');
      expect(ld).toMatchObject({ '@type': 'Product', name: title, description: `Mô tả: ${title}` });
      await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    }
    await context.close();
  });
});
