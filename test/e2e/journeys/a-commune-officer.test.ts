/**
 * Journey A: the commune officer of xã Tân Cương sits with a tea household. She signs in on her phone,
 * picks the household, registers its tea hill with a planting-area code and a VietGAP certificate, lists
 * "Chè Thái Nguyên" in 100 g and 500 g packs (ticking the household's consent), opens a lot, records a
 * fertiliser and the harvest, downloads the label sheet, and a scan of the printed QR lands on the trace
 * page showing the farm and its planting-area code. Every desk page passes axe; no page needs JavaScript.
 */
import { readFileSync } from 'node:fs';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { useBrowserStack } from '../../support/browser-stack.ts';
import { expectAt, expectNoAxeViolations, keepScreenshot, phoneContext } from '../../support/journeys.ts';
import { signIn } from '../../support/sign-in.ts';

const OFFICER = '+84987000031';
const FARM_NAME = 'Hộ Nguyễn Văn Thành – đồi chè xóm Nam Đồng';
const AREA_CODE = 'VN-TNOR-0123';

const env = useBrowserStack('journey_a');

/** A `datetime-local` value in Vietnam time, `daysAgo` days before now. */
const vietnamTime = (daysAgo = 0) =>
  new Date(Date.now() + 7 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 16);

/** Submits the form holding `field` with its button named `button`. */
async function submit(page: Page, field: string, button: string) {
  await page
    .locator('form', { has: page.locator(field) })
    .getByRole('button', { name: button })
    .click();
  await page.waitForLoadState();
}

/** Renders the label sheet in Chromium at 4× and reads the first QR code on it. */
async function decodeFirstQr(svg: string): Promise<string> {
  const context = await env.browser.newContext({
    deviceScaleFactor: 4,
    viewport: { width: 800, height: 400 },
  });
  try {
    const page = await context.newPage();
    await page.setContent(
      `<!doctype html><body style="margin:0;background:#fff">${svg.replace(/^<\?xml[^>]*>/, '')}</body>`,
    );
    // A 100 × 50 mm label at the sheet's 8 mm margin: its QR sits inside the first 60 × 60 mm.
    const mm = 96 / 25.4;
    const png = PNG.sync.read(
      await page.screenshot({ clip: { x: 0, y: 0, width: 60 * mm, height: 60 * mm } }),
    );
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    if (!code) throw new Error('no QR code found on the rendered label sheet');
    return code.data;
  } finally {
    await context.close();
  }
}

describe('journey A: a commune officer brings a tea household to market with traceable labels', () => {
  it('sign in → household → farm + VietGAP → listing 100 g / 500 g → lot → fertiliser + harvest → labels → scan → trace page', async () => {
    const context = await phoneContext(env.browser);
    const page = await context.newPage();

    // Sign in through /dang-nhap, back to the desk: the households of xã Tân Cương.
    await signIn(page, env.site, OFFICER, '/nong-dan');
    await expect(page.locator('h1').textContent()).resolves.toBe('Chọn hộ để làm thay');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Nguyễn Văn Thành' }).click();
    await expectAt(page, /^\/nong-dan$/);
    await expect(page.locator('.desk-household').textContent()).resolves.toMatch(
      /Đang làm thay cho hộ: Nguyễn Văn Thành/,
    );
    await expectNoAxeViolations(page);

    // The household's tea hill, with its export planting-area code.
    const deskNav = page.getByRole('navigation', { name: 'Bàn làm việc' });
    await deskNav.getByRole('link', { name: 'Trang trại' }).click();
    await expectAt(page, /^\/nong-dan\/trang-trai$/);
    await expectNoAxeViolations(page);
    await page.locator('#farm-householdName').fill(FARM_NAME);
    // A code typed in the export shape but wrong comes back beside its field, in Vietnamese, kept as typed.
    await page.getByLabel('Mã vùng trồng').fill('VN-TN-123');
    await submit(page, '#farm-householdName', 'Đăng ký trang trại');
    await expect(page.locator('#farm-plantingAreaCode-error').textContent()).resolves.toBe(
      'Mã xuất khẩu phải có dạng VN-XXOR-NNNN (ví dụ VN-TNOR-0012).',
    );
    await expect(page.getByLabel('Mã vùng trồng').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#farm-householdName').inputValue()).resolves.toBe(FARM_NAME);
    await expectNoAxeViolations(page);
    await page.getByLabel('Mã vùng trồng').fill(AREA_CODE);
    await submit(page, '#farm-householdName', 'Đăng ký trang trại');
    await expectAt(page, /^\/nong-dan\/trang-trai\/[0-9A-Z]+$/);
    const farmUrl = page.url();
    await expect(page.locator('h1').textContent()).resolves.toBe(FARM_NAME);

    // Its VietGAP certificate.
    await page.getByLabel('Loại chứng nhận').selectOption('vietgap');
    await page.getByLabel('Số chứng nhận').fill('VG-TN-26-0457');
    await page.getByLabel('Đơn vị cấp').fill('Trung tâm Kiểm nghiệm và Chứng nhận Thái Nguyên');
    await page.getByLabel('Hiệu lực đến').fill('2028-06-30');
    await submit(page, '#cert-number', 'Thêm chứng nhận');
    await expect(page.getByText('VietGAP · VG-TN-26-0457').textContent()).resolves.toContain(
      'còn hiệu lực đến 30/06/2028',
    );
    await expectNoAxeViolations(page);

    // The listing: one 20 kg stock pool sold in 100 g and 500 g packs, with the household's consent.
    await deskNav.getByRole('link', { name: 'Sản phẩm' }).click();
    await expectAt(page, /^\/nong-dan\/san-pham$/);
    await expectNoAxeViolations(page);
    await page.locator('#listing-title-vi').fill('Chè Thái Nguyên');
    await page.locator('#listing-title-en').fill('Thai Nguyen green tea');
    await page
      .locator('#listing-description-vi')
      .fill('Chè búp xóm Nam Đồng, xã Tân Cương, sao tay trên chảo gang. Nước xanh, vị chát dịu, hậu ngọt.');
    await page.locator('#listing-category').selectOption('che-ca-phe');
    await page.locator('#listing-baseUnit').selectOption('g');
    await page.locator('#listing-stock').fill('20000');
    await page.locator('#listing-packs-0-size').fill('100');
    await page.locator('#listing-packs-0-priceVnd').fill('45.000');
    await page.locator('#listing-packs-1-size').fill('500');
    await page.locator('#listing-packs-1-priceVnd').fill('200.000');
    await page.getByLabel('Hộ đã đồng ý để cán bộ xã đăng sản phẩm này thay mình').check();
    await page.getByLabel('Hộ đồng ý bằng cách').selectOption('in_person');
    await submit(page, '#listing-title-vi', 'Đăng sản phẩm');
    // Saved: the new listing's own page says so, then the household's list shows it on sale.
    await expectAt(page, /^\/nong-dan\/san-pham\/[0-9A-Z]+$/);
    await expect(page.getByRole('status').textContent()).resolves.toBe('Đã lưu sản phẩm mới.');
    await deskNav.getByRole('link', { name: 'Sản phẩm' }).click();
    await expectAt(page, /^\/nong-dan\/san-pham$/);
    const listed = page.locator('.items > li', { has: page.getByText('Chè Thái Nguyên', { exact: true }) });
    await expect(listed.textContent()).resolves.toMatch(
      /Đang bán.*Gói 100 g: 45\.000 ₫ · Gói 500 g: 200\.000 ₫/s,
    );
    await expect(listed.getByRole('link', { name: 'Ảnh sản phẩm' }).getAttribute('href')).resolves.toMatch(
      /^\/nong-dan\/san-pham\/[0-9A-Z]+\/anh\?ho=/,
    );

    // A lot of that tea on the farm, sold under the new listing.
    await page.goto(farmUrl);
    await page.locator('#lot-productName-vi').fill('Chè Thái Nguyên');
    await page.locator('#lot-productId').selectOption({ label: 'Chè Thái Nguyên' });
    await page.locator('#lot-quantity').fill('50');
    await page.locator('#lot-harvestDate').fill(vietnamTime().slice(0, 10));
    await submit(page, '#lot-quantity', 'Tạo lô hàng');
    await expectAt(page, /^\/nong-dan\/lo\/[0-9A-Z]+$/);
    const heading = ((await page.locator('h1').textContent()) ?? '').trim();
    expect(heading).toMatch(/^Lô \d{6}-[0-9A-Z]{4}$/);
    const lotCode = heading.slice('Lô '.length);

    // The log: fertiliser three days ago, then the harvest today.
    await page.getByText('Ghi bón phân / phun thuốc').click();
    await page.locator('#input-input-kind').selectOption('fertiliser');
    await page.locator('#input-input-name').fill('Phân hữu cơ vi sinh Sông Gianh');
    await page.locator('#input-input-dose').fill('1,5 tấn/ha');
    await page.locator('#input-time').fill(vietnamTime(3));
    await submit(page, '#input-input-name', 'Ghi lại');
    await page.getByText('Ghi thu hoạch').click();
    await page.locator('#harvesting-quantity').fill('50');
    await page.locator('#harvesting-time').fill(vietnamTime());
    await submit(page, '#harvesting-quantity', 'Ghi lại');
    const log = page.getByRole('list', { name: 'Nhật ký lô hàng' });
    await expect(log.textContent()).resolves.toMatch(
      /Thu hoạch: 50 kg.*cán bộ xã ghi thay hộ.*Bón phân \/ phun thuốc: Phân bón Phân hữu cơ vi sinh Sông Gianh \(1,5 tấn\/ha\)/s,
    );
    await expectNoAxeViolations(page);

    // The label sheet as SVG (PDF is offered first), one big 100 × 50 mm label.
    await page.getByLabel('Khổ tem (mm)').selectOption('100x50');
    await page.getByLabel('Số tem (tem theo lô)').fill('1');
    await page.getByLabel('SVG').check();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải tem' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`tem-${lotCode}-100x50.svg`);
    const svg = readFileSync((await download.path()) as string, 'utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg /);
    expect(svg).toContain(`Vùng trồng: ${AREA_CODE}`);

    // A buyer's phone scans the label: the Digital Link goes to the resolver, which sends a env.browser to the trace page.
    const uri = await decodeFirstQr(svg);
    expect(uri).toBe(`${env.stack.apiUrl}/l/${lotCode}`);
    await page.goto(uri);
    await expectAt(page, new RegExp(`^/truy-xuat/l/${lotCode}$`));
    const trace = (await page.locator('main').textContent()) ?? '';
    for (const text of [FARM_NAME, AREA_CODE, 'xã Tân Cương', 'VietGAP', 'Phân hữu cơ vi sinh Sông Gianh'])
      expect(trace, text).toContain(text);
    await keepScreenshot(page, 'a-commune-officer');
    await context.close();
  });
});
