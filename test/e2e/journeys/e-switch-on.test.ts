import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userRepository } from '@chophien/db';
import { buildVietQR } from '@chophien/vietqr';
import { stallPayload } from '@chophien/vietqr/standee';
import type { BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../infra/local/src/admin-cli.ts';
import { pay } from '../../../infra/local/src/bank/simulator.ts';
import { useBrowserStack } from '../../support/browser-stack.ts';
import { importHeader, toCsvText } from '../../support/import-fixture.ts';
import { expectAt, expectNoAxeViolations, keepScreenshot, phoneContext } from '../../support/journeys.ts';
import { signIn } from '../../support/sign-in.ts';

/**
 * Journey E (issue #13): a province switches the platform on from nothing. A fresh, unseeded stack; the
 * admin the command created makes a market, imports its stalls and invites a manager; the manager gives a
 * stall to a new vendor; the vendor signs in, confirms the payment account with the code sent to their
 * phone, sells and is paid; the manager prints the standee and the standee check catches a pasted QR.
 * Then the people around them: a stall helper, a household set up by a digital team member with its
 * consent, and the household's personal data. A 390×844 phone, axe on every page.
 */
const env = useBrowserStack('journey_e', { seed: false });

const ADMIN = { phone: '+84977000001', name: 'Nguyễn Quản Trị' };
const MANAGER = { phone: '+84977000002', name: 'Trần Văn Chợ' };
const VENDOR = { phone: '+84915000103', name: 'Lò Văn Sáng', account: '100870009999' };
const HELPER = { phone: '+84915000104', name: 'Lò Thị Chín' };
const DIGITAL = { phone: '+84977000005', name: 'Hà Thị Số' };
const HOUSEHOLD = { phone: '+84915000201', name: 'Ma Văn Lâm' };

/** Texts the local runtime "sent" (one JSON line each in the data dir's outbox). */
function textsTo(phone: string): string[] {
  const file = join(env.stack.dataDir, 'outbox.jsonl');
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { to: string; text: string })
    .filter((message) => message.to === phone)
    .map((message) => message.text);
}

/** The account-change code locally goes to the markets outbox beside the channel secrets. */
async function accountChangeCode(phone: string): Promise<string> {
  const person = await userRepository(env.db).getByPhone(phone);
  const lines = readFileSync(join(dirname(env.bank.secretsFile), 'sms-outbox.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { vendorId: string; code: string })
    .filter((line) => line.vendorId === person?.id);
  const code = lines.at(-1)?.code;
  if (!code) throw new Error(`no account-change code for ${phone}`);
  return code;
}

async function open(context: BrowserContext, phone: string, next: string): Promise<Page> {
  const page = await context.newPage();
  await signIn(page, env.site, phone, next);
  await expectNoAxeViolations(page);
  return page;
}

const submit = async (page: Page, name: string | RegExp) => {
  await page.getByRole('button', { name }).click();
  await page.waitForLoadState();
};

const qrPng = async (payload: string) => QRCode.toBuffer(payload, { type: 'png', margin: 4, scale: 8 });

describe('journey E: a province switches the platform on, from no data at all', () => {
  let marketId = '';

  it('admin → market and stalls → manager → vendor confirms, sells, is paid → standee check catches a pasted QR', async () => {
    const created = await runAdminCommand(['create', '--phone', '0977 000 001', '--name', ADMIN.name], {
      ...process.env,
    });
    expect(created.code, created.lines.join('\n')).toBe(0);

    // The admin creates the market and imports its stalls.
    const admin = await phoneContext(env.browser);
    const board = await open(admin, ADMIN.phone, '/quan-tri');
    await board.getByLabel('Tên chợ').fill('Chợ Đồng Hỷ');
    await board.getByLabel('Mã chợ').fill('DONGHY');
    await board.getByLabel('Tỉnh, thành phố').selectOption('Thái Nguyên');
    await board.getByLabel('Xã, phường').fill('xã Đồng Hỷ');
    await board.getByLabel('Phí sạp mỗi tháng (đồng)').fill('200.000');
    await submit(board, 'Tạo');
    await expectAt(board, /^\/quan-tri\/cho\//);
    marketId = new URL(board.url()).pathname.split('/').pop() ?? '';
    await expectNoAxeViolations(board);

    await board.goto(`${env.site}/quan-tri/nhap`);
    const csv = toCsvText([
      importHeader,
      ['DONGHY', 'Khu A', 'A01', 'Hoàng Văn Bảy', '0915 000 101', 'VietinBank', '100870001111', '', 'Chè'],
      ['DONGHY', 'Khu A', 'A02', 'Đinh Thị Tám', '0915 000 102', 'Vietcombank', '0451000002222', '', 'Rau'],
    ]);
    const file = { name: 'sap.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') };
    await board.locator('#file').setInputFiles(file);
    await submit(board, 'Kiểm tra tệp');
    await expect(board.getByText(/Tệp hợp lệ: 2 sạp/).count()).resolves.toBe(1);
    await board.locator('#file').setInputFiles(file);
    await submit(board, 'Nhập');
    for (let i = 0; i < 10 && (await board.getByText('Đã nhập xong.').count()) === 0; i++)
      await submit(board, 'Tiếp tục nhập');
    await expect(board.getByText('Đã nhập xong.').count()).resolves.toBe(1);
    await expectNoAxeViolations(board);

    // The admin invites the market's manager.
    await board.goto(`${env.site}/quan-tri/nguoi-dung`);
    await board.getByLabel('Họ tên').fill(MANAGER.name);
    await board.getByLabel('Số điện thoại', { exact: true }).fill('0977 000 002');
    await board.getByLabel('Vai trò').selectOption('market_manager');
    await board.getByLabel('Chợ (với quản lý chợ)').selectOption(marketId);
    await submit(board, 'Gửi lời mời');
    await expectAt(board, /^\/quan-tri\/nguoi-dung\//);
    expect(textsTo(MANAGER.phone).at(-1)).toContain('quản lý chợ');

    // The manager sees the imported stalls waiting, gives A02 (its vendor left) to a new vendor.
    const managerContext = await phoneContext(env.browser);
    const manager = await open(managerContext, MANAGER.phone, '/quan-ly-cho/sap');
    await expect(manager.locator('#stall-list li').count()).resolves.toBe(2);
    await expect(manager.locator('[data-stage="invited"]').textContent()).resolves.toBe('2');
    await manager.locator('#stall-list a', { hasText: 'A02' }).click();
    await manager.getByLabel('Tôi đã kiểm tra: người bán này không còn thuê sạp.').check();
    await submit(manager, 'Trả sạp');
    await expect(manager.getByRole('status').textContent()).resolves.toContain('Sạp đã trống.');
    await manager.getByLabel('Họ tên người bán').fill(VENDOR.name);
    await manager.getByLabel('Số điện thoại người bán').fill('0915 000 103');
    await manager.getByLabel('Ngân hàng (tuỳ chọn)').fill('VietinBank');
    await manager.getByLabel('Số tài khoản (tuỳ chọn)').fill(VENDOR.account);
    await submit(manager, 'Giao sạp và gửi tin nhắn mời');
    await expect(manager.getByRole('status').textContent()).resolves.toContain('Đã giao sạp');
    await expectNoAxeViolations(manager);
    expect(textsTo(VENDOR.phone).at(-1)).toContain('/tai-khoan-nhan-tien');

    // The vendor follows the text: signs in, checks the account the board noted, confirms it with the code.
    const vendorContext = await phoneContext(env.browser);
    const vendor = await open(vendorContext, VENDOR.phone, '/tai-khoan-nhan-tien');
    await expect(vendor.locator('#current-account').textContent()).resolves.toContain('Chưa có tài khoản');
    expect(await vendor.getByLabel('Số tài khoản').inputValue()).toBe(VENDOR.account);
    expect(await vendor.getByLabel('Tên chủ tài khoản (viết hoa, không dấu)').inputValue()).toBe(
      'LO VAN SANG',
    );
    await vendor.getByLabel('Dịch vụ báo tiền về').selectOption('sepay');
    await submit(vendor, 'Gửi mã xác nhận đến điện thoại của tôi');
    await expectNoAxeViolations(vendor);
    await vendor.getByLabel('Mã xác nhận').fill('000000');
    await submit(vendor, 'Xác nhận tài khoản');
    await expect(vendor.getByRole('alert').first().textContent()).resolves.toContain(
      'Mã xác nhận không đúng',
    );
    await vendor.getByLabel('Mã xác nhận').fill(await accountChangeCode(VENDOR.phone));
    await submit(vendor, 'Xác nhận tài khoản');
    await expect(vendor.locator('#account-confirmed').textContent()).resolves.toContain('Đã xác nhận');
    await expect(vendor.locator('#current-account').textContent()).resolves.toContain('••••9999');
    await expectNoAxeViolations(vendor);

    // The manager prints the new stall's standee (A01 waits: its vendor has not confirmed yet).
    await manager.goto(`${env.site}/quan-ly-cho/sap?cho=${marketId}`);
    const sheetOpened = managerContext.waitForEvent('page');
    await manager.getByRole('button', { name: 'In bảng QR cho 1 sạp mới' }).click();
    const sheet = await sheetOpened;
    await sheet.waitForLoadState();
    expect(await sheet.locator('section.page svg').count()).toBe(1);
    expect(await sheet.locator('svg title').textContent()).toContain('Sạp A02');
    await sheet.close();
    await manager.reload();
    await expect(manager.getByText('Không có sạp nào cần in bảng QR mới.').count()).resolves.toBe(1);

    // The vendor sells; the bank simulator pays; the sale is paid.
    await vendor.goto(`${env.site}/ban-hang`);
    await expectNoAxeViolations(vendor);
    await vendor.getByLabel('Số tiền (đồng)').fill('45.000');
    await submit(vendor, 'Tạo mã QR');
    const saleCode = (await vendor.locator('.sale-code').textContent())?.trim() ?? '';
    expect(saleCode).toMatch(/^BH[0-9A-Z]{6}$/);
    const paid = await pay({ to: saleCode, amountVnd: 45_000 }, env.bank);
    expect(paid.deliveries[0]?.status).toBe(200);
    await vendor.goto(`${env.site}/ban-hang`);
    await expect(vendor.locator('.sales li', { hasText: saleCode }).textContent()).resolves.toContain(
      'đã thanh toán',
    );

    // The standee check: a sticker pasted over A02's standee is caught in the manager's round.
    await manager.goto(`${env.site}/kiem-tra-ma?cho=${marketId}`);
    await expectNoAxeViolations(manager);
    await submit(manager, 'Bắt đầu vòng kiểm tra mới');
    const a02 = await manager.locator('#stallId option', { hasText: 'A02' }).getAttribute('value');
    await manager.locator('#stallId').selectOption(a02 ?? '');
    const sticker = buildVietQR({ bin: '970422', accountNumber: '8888999900001', purpose: 'DONGHY-A02' });
    await manager
      .locator('#photo')
      .setInputFiles({ name: 'bang-qr.png', mimeType: 'image/png', buffer: await qrPng(sticker) });
    await manager.locator('#verdict').waitFor();
    expect(await manager.locator('#verdict').getAttribute('data-verdict')).toBe('wrong_account');
    expect(await manager.locator('#verdict').textContent()).toContain(
      'KHÔNG phải tài khoản của sạp DONGHY-A02',
    );
    await expectNoAxeViolations(manager);
    await submit(manager, 'Kết thúc vòng kiểm tra');
    await expect(manager.locator('#round-figures').textContent()).resolves.toMatch(
      /1 sạp đã kiểm tra, 1 sạp sai/,
    );

    // The vendor checks the genuine standee on their own phone: right.
    await vendor.goto(`${env.site}/kiem-tra-ma`);
    const genuine = stallPayload({ bin: '970415', accountNumber: VENDOR.account, stallCode: 'DONGHY-A02' });
    await vendor
      .locator('#photo')
      .setInputFiles({ name: 'bang-qr.png', mimeType: 'image/png', buffer: await qrPng(genuine) });
    await vendor.locator('#verdict').waitFor();
    expect(await vendor.locator('#verdict').getAttribute('data-verdict')).toBe('ok');
    await keepScreenshot(vendor, 'e-standee-check');
    await Promise.all([admin.close(), managerContext.close(), vendorContext.close()]);
  });

  it('a stall helper sells; a digital team member sets up a household with its consent; the household withdraws it and deletes its account', async () => {
    // The vendor brings in a family member; the helper sells at A02 but cannot touch the account.
    const vendorContext = await phoneContext(env.browser);
    const vendor = await open(vendorContext, VENDOR.phone, '/ban-hang/nguoi-phu');
    await vendor.getByLabel('Họ tên người phụ bán').fill(HELPER.name);
    await vendor.getByLabel('Số điện thoại người phụ bán').fill('0915 000 104');
    await submit(vendor, 'Thêm người phụ bán');
    await expect(vendor.locator('[data-helper]').textContent()).resolves.toContain(HELPER.name);
    await expectNoAxeViolations(vendor);
    const helperContext = await phoneContext(env.browser);
    const helper = await open(helperContext, HELPER.phone, '/ban-hang');
    await helper.getByLabel('Số tiền (đồng)').fill('12.000');
    await submit(helper, 'Tạo mã QR');
    expect(await helper.locator('.sale-code').textContent()).toMatch(/BH[0-9A-Z]{6}/);
    await helper.goto(`${env.site}/tai-khoan-nhan-tien`);
    await expect(helper.getByRole('alert').textContent()).resolves.toContain('không dành cho tài khoản');

    // The admin invites a community digital team member of xã Đồng Hỷ.
    const adminContext = await phoneContext(env.browser);
    const board = await open(adminContext, ADMIN.phone, '/quan-tri/nguoi-dung');
    await board.getByLabel('Họ tên').fill(DIGITAL.name);
    await board.getByLabel('Số điện thoại', { exact: true }).fill('0977 000 005');
    await board.getByLabel('Vai trò').selectOption('digital_helper');
    await board.getByLabel('Tỉnh, thành phố').selectOption('Thái Nguyên');
    await board.getByLabel(/Xã, phường/).fill('xã Đồng Hỷ');
    await submit(board, 'Gửi lời mời');
    await expectAt(board, /^\/quan-tri\/nguoi-dung\//);

    // Beside the household, the team member sends the consent code; the household reads it back.
    const digitalContext = await phoneContext(env.browser);
    const digital = await open(digitalContext, DIGITAL.phone, '/ho-san-xuat');
    const sms = digital.locator('form', { hasText: 'Gửi mã đồng ý' });
    await sms.getByLabel('Họ tên chủ hộ').fill(HOUSEHOLD.name);
    await sms.getByLabel('Số điện thoại của hộ').fill('0915 000 201');
    expect(await sms.getByLabel('Xã, phường').inputValue()).toBe('xã Đồng Hỷ');
    await submit(digital, 'Gửi mã đồng ý đến điện thoại của hộ');
    await expectNoAxeViolations(digital);
    const code = /\b(\d{6})\b/.exec(textsTo(HOUSEHOLD.phone).at(-1) ?? '')?.[1] ?? '';
    await digital.getByLabel('Mã hộ đọc cho bạn').fill(code);
    await submit(digital, 'Tạo tài khoản cho hộ');
    await expect(digital.locator('#household-created').textContent()).resolves.toContain(HOUSEHOLD.name);
    await expect(digital.locator('#registered li').first().textContent()).resolves.toContain('đang đồng ý');

    // The household signs in with its own phone: its data, the consent's exact text, the withdrawal.
    const householdContext = await phoneContext(env.browser);
    const household = await open(householdContext, HOUSEHOLD.phone, '/du-lieu-ca-nhan');
    await expect(household.locator('#my-profile').textContent()).resolves.toContain(HOUSEHOLD.name);
    await expect(household.locator('[data-consent] blockquote').textContent()).resolves.toContain(
      'tạo tài khoản Chợ Phiên cho hộ tôi',
    );
    const download = await household.request.get(`${env.site}/du-lieu-ca-nhan/tai-ve.json`);
    expect(download.status()).toBe(200);
    expect((await download.json()).profile).toMatchObject({ name: HOUSEHOLD.name, phone: HOUSEHOLD.phone });
    await submit(household, 'Rút lại sự đồng ý');
    await expect(household.locator('[data-consent] .tag').textContent()).resolves.toBe(
      'đã rút lại sự đồng ý',
    );
    await expectNoAxeViolations(household);
    await digital.reload();
    await expect(digital.locator('#registered li').first().textContent()).resolves.toContain('đã rút lại');

    // Deletion: the page says what stays and why; afterwards the person is signed out and anonymised.
    await expect(household.locator('#retention').textContent()).resolves.toContain('10 năm');
    await submit(household, 'Xoá tài khoản');
    await expect(household.getByRole('alert').first().textContent()).resolves.toContain(
      'đánh dấu ô xác nhận',
    );
    await household.getByLabel('Tôi hiểu và muốn xoá tài khoản của tôi.').check();
    await submit(household, 'Xoá tài khoản');
    await expect(household.locator('h1').textContent()).resolves.toBe('Tài khoản đã được xoá');
    await expectNoAxeViolations(household);
    expect(await userRepository(env.db).getByPhone(HOUSEHOLD.phone)).toBeUndefined();
    await Promise.all(
      [vendorContext, helperContext, adminContext, digitalContext, householdContext].map((context) =>
        context.close(),
      ),
    );
  });
});
