/**
 * Browser checks for the storefront shell, called by the lead's e2e test
 * (test/e2e/site-shell.test.ts) and by site/scripts/check.ts. Pure: give it a playwright-core
 * Page and the storefront's base URL (no trailing slash needed); it throws on the first failure.
 */
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

export interface HomePageCheckOptions {
  /** The catalog has published products (seeded). When false, the Vietnamese empty state is expected. */
  readonly expectProducts?: boolean;
}

export interface HomePageReport {
  readonly productCount: number;
  /** Bytes of the home page HTML as served (CSS is inlined; there is no other request). */
  readonly htmlBytes: number;
  readonly firstProductHref: string | undefined;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? '').trim();

async function htmlLang(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.lang);
}

export async function checkHomePage(
  page: Page,
  baseUrl: string,
  options: HomePageCheckOptions = {},
): Promise<HomePageReport> {
  const base = trimSlash(baseUrl);
  const expectProducts = options.expectProducts ?? true;
  // Console errors include blocked resources and Content-Security-Policy violations.
  const consoleErrors: string[] = [];
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error' && !/status of 404/.test(message.text()))
      consoleErrors.push(message.text());
  };
  page.on('console', onConsole);

  // Home page, Vietnamese by default.
  const response = await page.goto(`${base}/`, { waitUntil: 'load' });
  assert.ok(response, 'home page: no response');
  assert.equal(response.status(), 200, 'home page status');
  const htmlBytes = (await response.body()).byteLength;
  assert.equal(await htmlLang(page), 'vi', 'home page <html lang>');
  assert.match(await page.title(), /Chợ Phiên/, 'home page <title>');
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  assert.ok(description && description.length > 50, 'home page meta description');
  assert.ok(await page.locator('meta[name="viewport"]').count(), 'viewport meta');
  assert.ok(await page.locator('meta[property="og:title"]').count(), 'Open Graph title');
  assert.ok(await page.locator('link[rel="canonical"]').count(), 'canonical link');
  assert.match(response.headers()['content-security-policy'] ?? '', /default-src 'none'/, 'CSP header');
  assert.equal(await page.locator('script').count(), 0, 'the storefront shell ships no JavaScript');
  assert.match(await text(page.locator('header .brand')), /Chợ Phiên/, 'brand in the header');
  assert.ok(await page.getByRole('link', { name: 'Trang chủ' }).count(), 'nav: Trang chủ');

  // Products.
  const cards = page.locator('main article.card');
  const productCount = await cards.count();
  let firstProductHref: string | undefined;
  if (expectProducts) {
    assert.ok(productCount > 0, 'home page lists products');
    const first = cards.first();
    firstProductHref = (await first.locator('h3 a').getAttribute('href')) ?? undefined;
    assert.match(firstProductHref ?? '', /^\/san-pham\/[^/]+$/, 'product link goes to /san-pham/<slug>');
    assert.match(await text(first.locator('.price')), /^từ [\d.]+\s₫/, 'price reads "từ 120.000 ₫"');

    // Category filter by link: every card shown belongs to the chosen category.
    const category = await first.getAttribute('data-category');
    assert.ok(category, 'product cards carry their category');
    const categoryNav = page.getByRole('navigation', { name: 'Danh mục' });
    await categoryNav.locator(`a[href="/?danh-muc=${category}"]`).click();
    await page.waitForURL(`**/?danh-muc=${category}`);
    assert.ok((await cards.count()) > 0, 'category filter shows products');
    assert.equal(
      await page.locator(`main article.card:not([data-category="${category}"])`).count(),
      0,
      'category filter shows only that category',
    );
    assert.equal(
      await categoryNav.locator(`a[href="/?danh-muc=${category}"]`).getAttribute('aria-current'),
      'page',
      'the chosen category is marked current',
    );
    await page.goto(`${base}/`);
  } else {
    assert.equal(productCount, 0, 'no products expected');
    assert.ok(await page.locator('main [role="status"]').count(), 'empty or unavailable state shown');
  }

  // Language switch: plain links, no JavaScript; the URL carries the language.
  await page.getByRole('link', { name: 'English' }).first().click();
  await page.waitForURL(`${base}/en/`);
  assert.equal(await htmlLang(page), 'en', 'English page <html lang>');
  assert.match(await page.title(), /traceable/i, 'English title');
  assert.ok(await page.getByRole('link', { name: 'Home' }).count(), 'English nav');
  if (expectProducts) {
    assert.match(await text(cards.first().locator('.price')), /^from [\d.]+\s₫/, 'English price');
    assert.match((await cards.first().locator('h3 a').getAttribute('href')) ?? '', /^\/en\/san-pham\//);
  }
  await page.getByRole('link', { name: 'Tiếng Việt' }).first().click();
  await page.waitForURL(`${base}/`);
  assert.equal(await htmlLang(page), 'vi', 'back to Vietnamese');

  // 404, both languages.
  const missing = await page.goto(`${base}/khong-co-trang-nay`);
  assert.equal(missing?.status(), 404, '404 status for an unknown path');
  assert.equal(await htmlLang(page), 'vi');
  assert.ok(await page.getByRole('heading', { name: 'Không tìm thấy trang này' }).count(), '404 text (vi)');
  const missingEn = await page.goto(`${base}/en/no-such-page`);
  assert.equal(missingEn?.status(), 404, '404 status for an unknown English path');
  assert.equal(await htmlLang(page), 'en');
  assert.ok(
    await page.getByRole('heading', { name: 'We could not find this page' }).count(),
    '404 text (en)',
  );

  page.off('console', onConsole);
  assert.deepEqual(consoleErrors, [], 'no console errors (CSP violations, failed loads)');

  return { productCount, htmlBytes, firstProductHref };
}
