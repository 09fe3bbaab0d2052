import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { serialToken, traceConfig } from '@chophien/core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readLocalConfig } from '../../../infra/local/src/config.ts';
import { freePort } from '../../../infra/local/src/ports.ts';
import { seedLots, seedTeaGtin, seedTeaSerials } from '../../../infra/local/src/seed/trace.ts';
import { type LocalStack, startLocalStack } from '../../../infra/local/src/stack.ts';
import { launchChromium } from '../../support/browser.ts';

// The storefront runs in-process here (built once if site/dist is missing), against its own seeded table.
let stack: LocalStack;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chophien-trace-page-'));
  const config = {
    ...readLocalConfig({}),
    apiPort: await freePort(),
    sitePort: await freePort(),
    dataDir,
    tableName: `tp_${Date.now().toString(36)}`,
  };
  stack = await startLocalStack(config, { dynamoDbEndpoint: inject('dynamoDbEndpoint') });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const tea = seedLots[0]!;
const lychee = seedLots[1]!;
const MOBILE = 'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36';

async function page(path: string) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    headers: { 'user-agent': MOBILE, accept: 'text/html' },
  });
  return {
    status: response.status,
    url: response.url,
    html: await response.text(),
    headers: response.headers,
  };
}

describe('trace page (storefront, no JavaScript)', () => {
  it('a scanned tea lot lands on a page with product, farm, place, area code, certificates, dates, timeline, map and buy link', async () => {
    const { status, url, html } = await page(`/01/${seedTeaGtin}/10/${tea.lotCode}`);
    expect(status).toBe(200);
    expect(url).toBe(`${stack.siteUrl}/truy-xuat/01/${seedTeaGtin}/10/${tea.lotCode}`);
    for (const text of [
      'Chè Thái Nguyên búp Tân Cương',
      'Hộ Nguyễn Văn Thành',
      'xã Tân Cương, Thái Nguyên',
      'VN-TNOR-0012',
      'còn hiệu lực đến 31/08/2027',
      'ĐÃ HẾT HẠN từ 31/05/2026',
      'Ngày thu hoạch',
      '20/10/2026',
      'Thu hoạch',
      'Đóng gói',
      'Emamectin benzoate',
      'cán bộ xã ghi thay hộ',
      'openstreetmap.org',
      'href="/san-pham/che-thai-nguyen-bup-tan-cuong"',
      `(01)${seedTeaGtin}(10)${tea.lotCode}`,
    ])
      expect(html, text).toContain(text);
    expect(html).not.toMatch(/<script/i);
  });

  it('shows a product certificate (OCOP) only on the product it was awarded to', async () => {
    const teaPage = await page(`/01/${seedTeaGtin}/10/${tea.lotCode}`);
    expect(teaPage.html).toContain('OCOP-TN-2024-118');
    // A new lot of the same farm for another product: the farm's VietGAP applies, the tea's OCOP does not.
    const { createDb, traceRepository } = await import('@chophien/db');
    const db = createDb();
    const honeyLot = {
      ...tea,
      id: `lot-${Date.now()}`,
      lotCode: `MO${Date.now().toString(36).toUpperCase()}`,
      productId: undefined,
    };
    delete (honeyLot as { productId?: string }).productId;
    delete (honeyLot as { gtin?: string }).gtin;
    await traceRepository(db).createLot({
      ...honeyLot,
      productName: { vi: 'Mật ong hoa rừng' },
      serialCount: 0,
    });
    db.raw.destroy();
    const honeyPage = await page(`/l/${honeyLot.lotCode}`);
    expect(honeyPage.status).toBe(200);
    expect(honeyPage.html).toContain('VietGAP-TT-15-07-19-0042');
    expect(honeyPage.html).not.toContain('OCOP-TN-2024-118');
    expect(honeyPage.html).not.toMatch(/OCOP 4/);
  });

  it('a code typed into the box (or a pasted label link) opens its page; an unknown one says so without the internal path', async () => {
    const box = (typed: string) => fetch(`${stack.siteUrl}/truy-xuat?ma=${encodeURIComponent(typed)}`);
    const typed = await box(` ${lychee.lotCode} `);
    expect(typed.url).toBe(`${stack.siteUrl}/truy-xuat/l/${lychee.lotCode}`);
    expect(await typed.text()).toContain('Vải thiều Thanh Hà');
    // The human-readable line printed under a GS1 label's QR.
    const printed = await box(`(01)${seedTeaGtin}(10)${tea.lotCode}`);
    expect(printed.url).toBe(`${stack.siteUrl}/truy-xuat/01/${seedTeaGtin}/10/${tea.lotCode}`);
    expect(await printed.text()).toContain('Chè Thái Nguyên búp Tân Cương');
    const pasted = await box(`https://example.vn/01/${seedTeaGtin}/10/${tea.lotCode}`);
    expect(pasted.url).toBe(`${stack.siteUrl}/truy-xuat/01/${seedTeaGtin}/10/${tea.lotCode}`);
    const unknown = await page('/l/FAKE-0000');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toMatch(/<code[^>]*>FAKE-0000<\/code>/);
    // The page's text (not its canonical link) never shows the internal path prefix.
    expect(unknown.html.slice(unknown.html.indexOf('<main'))).not.toContain('l/FAKE-0000');
    expect(unknown.html).toContain('Gõ mã truy xuất');
    const entry = await fetch(`${stack.siteUrl}/truy-xuat`);
    expect(entry.status).toBe(200);
    expect(await entry.text()).toContain('Kiểm tra nguồn gốc sản phẩm');
  });

  it('weighs at most 60 KB', async () => {
    const { html } = await page(`/l/${lychee.lotCode}`);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(60 * 1024);
  });

  it('is in English under /en', async () => {
    const response = await fetch(`${stack.siteUrl}/en/truy-xuat/l/${lychee.lotCode}`);
    const html = await response.text();
    expect(html).toContain('Thanh Ha lychee');
    expect(html).toContain('Journey');
  });

  it('an unregistered code shows the Vietnamese warning with status 404, not a crash', async () => {
    const { status, html } = await page(`/01/${seedTeaGtin}/10/KHONG-CO`);
    expect(status).toBe(404);
    expect(html).toContain('Mã chưa được đăng ký');
    const invalid = await page(`/01/${seedTeaGtin.slice(0, 13)}0/10/${tea.lotCode}`);
    expect(invalid.status).toBe(404);
    expect(invalid.html).toMatch(/Mã (không hợp lệ|chưa được đăng ký)/);
  });

  it('a genuine serial says so with its scan count; an altered token is shown as not genuine', async () => {
    const serial = seedTeaSerials[0]!;
    const code = { gtin: seedTeaGtin, lot: tea.lotCode, serial };
    const token = serialToken(traceConfig().signingSecret, code);
    const first = await page(`/01/${seedTeaGtin}/10/${tea.lotCode}/21/${serial}?t=${token}`);
    expect(first.html).toContain('Mã thật');
    expect(first.html).toMatch(/Quét lần đầu lúc .*, đã quét 1 lần\./);
    // The province form submits to the page itself (GET), not through the resolver.
    const sharedResponse = await fetch(
      `${stack.siteUrl}/truy-xuat/01/${seedTeaGtin}/10/${tea.lotCode}/21/${serial}?t=${token}&vung=H%C3%A0%20N%E1%BB%99i`,
    );
    const shared = { html: await sharedResponse.text() };
    expect(shared.html).toContain('Cảm ơn bạn đã chia sẻ');
    expect(shared.html).toContain('đã quét 1 lần');
    const forged = await page(`/01/${seedTeaGtin}/10/${tea.lotCode}/21/${serial}?t=${token.slice(0, 15)}x`);
    expect(forged.html).toContain('không phải mã thật');
    expect(forged.html).not.toContain('Mã thật —');
  });

  it('has no WCAG 2.1 AA violations (axe) on a small phone', async () => {
    const serial = seedTeaSerials[1]!;
    const token = serialToken(traceConfig().signingSecret, { gtin: seedTeaGtin, lot: tea.lotCode, serial });
    const browser = await launchChromium();
    try {
      // The page ships no script; axe itself needs one injected, so JS stays on and the CSP is bypassed for the audit only.
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true });
      const tab = await context.newPage();
      for (const path of [
        `/truy-xuat/01/${seedTeaGtin}/10/${tea.lotCode}/21/${serial}?t=${token}`,
        `/truy-xuat/l/${lychee.lotCode}`,
        `/truy-xuat/01/${seedTeaGtin}/10/KHONG-CO`,
      ]) {
        await tab.goto(`${stack.siteUrl}${path}`);
        const axe = await new AxeBuilder({ page: tab }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
        expect(
          axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          path,
        ).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});
