import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { expectAccessibleTwin, useBrowserStack } from '../../support/browser-stack.ts';
import { expectNoAxeViolations, phoneContext } from '../../support/journeys.ts';
import { signIn } from '../../support/sign-in.ts';

const env = useBrowserStack('marketplace_photos_e2e');

const TEA_PAGE = '/san-pham/che-thai-nguyen-bup-tan-cuong';
const PHOTOS_PAGE = `/nong-dan/san-pham/${seedId('prod', 1)}/anh`;
const ALT = 'Búp chè Tân Cương một tôm hai lá';

describe('listing photos and origin on the product page (connected, Chromium, no JavaScript)', () => {
  it('the seeded tea shows its origin (farm, place, area code, certificates valid/expired, harvest day, trace link)', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    expect((await page.goto(`${env.site}${TEA_PAGE}`))?.status()).toBe(200);
    const origin = page.locator('section#nguon-goc');
    await expect(origin.locator('h2#nguon-goc-title').textContent()).resolves.toBe('Nguồn gốc');
    const text = (await origin.textContent()) ?? '';
    for (const expected of [
      'Hộ Nguyễn Văn Thành',
      'xã Tân Cương, Thái Nguyên',
      'VN-TNOR-0012',
      '20/10/2026',
    ]) {
      expect(text).toContain(expected);
    }
    await expect(origin.locator('li.valid', { hasText: 'VietGAP' }).count()).resolves.toBe(1);
    await expect(origin.locator('li.expired', { hasText: 'GlobalG.A.P.' }).textContent()).resolves.toContain(
      'đã hết hạn',
    );
    const trace = origin.getByRole('link', { name: /^Xem truy xuất/ });
    expect(await trace.getAttribute('href')).toMatch(/^\/truy-xuat\/01\/\d{14}\/10\/TC261020-A$/);
    // No photo yet: a neutral placeholder, no broken image.
    await expect(page.getByRole('img', { name: 'Chưa có ảnh sản phẩm' }).count()).resolves.toBe(1);

    await page.goto(`${env.site}/en${TEA_PAGE}`);
    await expect(page.locator('#nguon-goc-title').textContent()).resolves.toBe('Origin');
    await expect(page.getByRole('link', { name: /^View trace/ }).count()).resolves.toBe(1);
    await context.close();
  });

  it('the farmer uploads a photo through the form; a fake image is refused with a reason', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, env.site, '+84912000001', PHOTOS_PAGE);
    await expect(page.locator('h1').textContent()).resolves.toBe('Ảnh sản phẩm');

    await page.locator('#photo').setInputFiles({
      name: 'not-a-photo.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await page.locator('#altVi').fill(ALT);
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
    expect((await refused).status()).toBe(422);
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Chỉ nhận ảnh JPEG, PNG hoặc WebP',
    );

    const pixels = Buffer.alloc(1600 * 1200 * 3);
    for (let y = 0; y < 1200; y += 1) {
      for (let x = 0; x < 1600; x += 1) {
        const at = (y * 1600 + x) * 3;
        pixels[at] = (x * 200) / 1600;
        pixels[at + 1] = 0x7c;
        pixels[at + 2] = (y * 120) / 1200;
      }
    }
    await page.locator('#photo').setInputFiles({
      name: 'che.jpg',
      mimeType: 'image/jpeg',
      buffer: await sharp(pixels, { raw: { width: 1600, height: 1200, channels: 3 } })
        .jpeg({ quality: 85 })
        .toBuffer(),
    });
    await page.locator('#altVi').fill(ALT);
    await page.locator('#altEn').fill('Tan Cuong tea buds, one bud two leaves');
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).search).toBe('?ok=added');
    await expect(page.getByRole('status').textContent()).resolves.toBe('Đã thêm ảnh.');
    await expect(page.getByRole('img', { name: ALT }).count()).resolves.toBe(1);
    await expectAccessibleTwin(page);
    await context.close();
  });

  it('the product page shows the photo (srcset 320/800, real size, eager first) and og:image, stays light, passes axe', async () => {
    const context = await env.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const response = await page.goto(`${env.site}${TEA_PAGE}`);
    const html = (await response?.body()) ?? Buffer.alloc(0);
    // The brief's budget for a product page on 3G: 30 KB of HTML, header and photo markup included.
    expect(html.length).toBeLessThanOrEqual(30 * 1024);
    await expect(page.locator('script:not([type="application/ld+json"])').count()).resolves.toBe(0);

    const cover = page.getByRole('img', { name: ALT });
    await expect(cover.getAttribute('srcset')).resolves.toMatch(/-320\.jpg 320w, .*-800\.jpg 800w$/);
    await expect(cover.getAttribute('width')).resolves.toBe('800');
    await expect(cover.getAttribute('height')).resolves.toBe('600');
    await expect(cover.getAttribute('loading')).resolves.toBeNull();
    await expect(cover.getAttribute('decoding')).resolves.toBe('async');
    // The env.browser really fetched and decoded it (the CSP lets the photo origin through).
    await expect(
      cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
    ).resolves.toBe(true);
    const og = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(og).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/photos\/.+-800\.jpg$/);
    expect((await fetch(og as string)).headers.get('content-type')).toBe('image/jpeg');
    await expect(page.locator('section#nguon-goc').count()).resolves.toBe(1);
    await expectAccessibleTwin(page);

    // The card on the home page shows the cover too, lazily.
    await page.goto(`${env.site}/`);
    const card = page.locator('article.card', { hasText: 'Chè Thái Nguyên búp Tân Cương' }).locator('img');
    await expect(card.getAttribute('loading')).resolves.toBe('lazy');
    await expect(card.getAttribute('srcset')).resolves.toContain('320w');
    await context.close();
  });

  it('another farmer may not manage the tea’s photos', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, env.site, '+84912000002', '/', '/nong-dan');
    const response = await page.goto(`${env.site}${PHOTOS_PAGE}`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('#photo').count()).resolves.toBe(0);
    await context.close();
  });
  it('on a phone, a 9 MB camera photo is shrunk in the browser before it is sent, and needs no description', async () => {
    // Noise compresses badly: a 1800 × 1400 PNG of it weighs what a phone camera’s JPEG does.
    const png = new PNG({ width: 1800, height: 1400 });
    let seed = 2463534242;
    for (let i = 0; i < png.data.length; i++) {
      // xorshift32: noise no compressor can shrink.
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      png.data[i] = i % 4 === 3 ? 255 : seed & 255;
    }
    const big = PNG.sync.write(png);
    expect(big.length).toBeGreaterThan(8 * 1024 * 1024);

    const context = await phoneContext(env.browser);
    const page = await context.newPage();
    await signIn(page, env.site, '+84912000001', PHOTOS_PAGE);
    await page
      .locator('#photo')
      .setInputFiles({ name: 'IMG_20261207.png', mimeType: 'image/png', buffer: big });
    await page.locator('#photo-resized:not([hidden])').waitFor();
    const note = (await page.locator('#photo-resized').textContent()) ?? '';
    const [, from = '', to = ''] = /^Đã thu nhỏ ảnh từ (\d+,\d) MB xuống (\d+,\d) MB/.exec(note) ?? [];
    expect(Number(from.replace(',', '.'))).toBeGreaterThan(8);
    expect(Number(to.replace(',', '.'))).toBeLessThan(Number(from.replace(',', '.')) / 2);
    // What goes up is the shrunk JPEG the input now holds.
    const chosen = await page.locator('#photo').evaluate((input: HTMLInputElement) => ({
      name: input.files?.[0]?.name,
      type: input.files?.[0]?.type,
      size: input.files?.[0]?.size ?? 0,
    }));
    expect(chosen).toMatchObject({ name: 'IMG_20261207.jpg', type: 'image/jpeg' });
    expect(chosen.size).toBeLessThan(big.length / 2);
    await page.getByRole('button', { name: 'Tải ảnh lên' }).click();
    await page.waitForLoadState();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Đã thêm ảnh.');
    // No description typed: the product's name describes it.
    await expect(
      page.getByRole('img', { name: 'Ảnh sản phẩm Chè Thái Nguyên búp Tân Cương' }).count(),
    ).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await context.close();
  });
});
