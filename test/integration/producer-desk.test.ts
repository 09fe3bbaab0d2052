import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, householdDirectory, listingRepository, traceFarmKey, traceRepository } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readLocalConfig } from '../../infra/local/src/config.ts';
import { freePort } from '../../infra/local/src/ports.ts';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { seedFarmId, seedLotId, seedTeaSerials } from '../../infra/local/src/seed/trace.ts';
import { farmers, staff } from '../../infra/local/src/seed/users.ts';
import { type LocalStack, startLocalStack } from '../../infra/local/src/stack.ts';

// The producer desk (/nong-dan/…) over real HTTP: the storefront runs in-process on its own seeded table,
// people sign in with real dev tokens in the cp_token cookie, and forms post exactly as a browser without JS.
let stack: LocalStack;
let dataDir: string;
let site: string;
const cookies: Record<string, string> = {};
const officer = staff.find((u) => u.roles.includes('commune_officer'))!;
const thanh = farmers[0]!; // xã Tân Cương: owns seeded farm 1 and lot 1
const hung = farmers[4]!; // xã Thanh Hà, Hải Phòng: a stranger to Tân Cương's farms

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chophien-producer-desk-'));
  const config = {
    ...readLocalConfig({}),
    apiPort: await freePort(),
    sitePort: await freePort(),
    dataDir,
    tableName: `pd_${Date.now().toString(36)}`,
  };
  stack = await startLocalStack(config, { dynamoDbEndpoint: inject('dynamoDbEndpoint') });
  site = stack.siteUrl as string;
  for (const [name, phone] of [
    ['officer', officer.phone],
    ['thanh', thanh.phone],
    ['hung', hung.phone],
    ['buyer', '+84987000001'],
  ] as const) {
    const res = await fetch(`${stack.apiUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone }),
    });
    cookies[name] = `cp_token=${((await res.json()) as { token: string }).token}`;
  }
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(path: string, who?: keyof typeof cookies) {
  const res = await fetch(`${site}${path}`, {
    headers: who ? { cookie: cookies[who]! } : {},
    redirect: 'manual',
  });
  return {
    status: res.status,
    html: await res.text(),
    location: res.headers.get('location'),
    headers: res.headers,
  };
}

async function post(path: string, who: keyof typeof cookies, fields: Record<string, string>) {
  const res = await fetch(`${site}${path}`, {
    method: 'POST',
    headers: { cookie: cookies[who]!, origin: site, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
}

let cachedDb: ReturnType<typeof createDb> | undefined;
const db = () => {
  cachedDb ??= createDb();
  return cachedDb;
};
const farmOf = async (id: string) =>
  (await db().doc.send(new GetCommand({ TableName: db().tableName, Key: traceFarmKey(id) }))).Item;
const eventsOf = async (lotId: string) => (await traceRepository(db()).getLotHistory(lotId))?.events ?? [];

const vietnamNow = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 16);

describe('repository reads the desk needs', () => {
  it('lists the farmers of a commune whatever the spelling of its name', async () => {
    const found = await householdDirectory(db()).listFarmersInCommune('Thai Nguyen', 'Xã Tân  Cương', 100);
    expect(found.map((u) => u.phone)).toEqual([thanh.phone]);
  });

  it('adds a certificate only while the farm holds fewer than the limit', async () => {
    const repo = traceRepository(db());
    const farm = seedFarmId(3);
    const before = (await repo.getFarm(farm))!.certifications.length;
    const cert = { scheme: 'vietgap' as const, number: 'VG-TEST', issuer: 'Test', validUntil: '2030-01-01' };
    expect(await repo.addCertification(farm, cert, before + 1)).toBe(true);
    expect(await repo.addCertification(farm, cert, before + 1)).toBe(false);
    expect((await repo.getFarm(farm))!.certifications).toHaveLength(before + 1);
    expect(await repo.addCertification('no-such-farm', cert, 10)).toBe(false);
  });
});

describe('producer desk pages', () => {
  it('asks a visitor to sign in with a link back to the page, and has no paste-a-token form', async () => {
    const { status, html } = await get('/nong-dan');
    expect(status).toBe(200);
    expect(html).toContain('href="/dang-nhap?next=%2Fnong-dan"');
    expect(html).not.toMatch(/name="token"/);
    expect((await get('/en/nong-dan/trang-trai')).html).toContain(
      'href="/en/dang-nhap?next=%2Fen%2Fnong-dan%2Ftrang-trai"',
    );
  });

  it('a farmer gets their own desk: farms, products, orders and daily sales, no household list', async () => {
    const { status, html } = await get('/nong-dan', 'thanh');
    expect(status).toBe(200);
    for (const text of [
      'Hộ: <strong>Nguyễn Văn Thành</strong>',
      '<h2>Trang trại</h2>',
      'VN-TNOR-0012',
      '<h2>Đơn hàng</h2>',
      '<h2>Doanh số theo ngày</h2>',
    ])
      expect(html, text).toContain(text);
    expect(html).not.toContain('Chọn hộ để làm thay');
    expect((await get(`/nong-dan?ho=${farmers[1]!.id}`, 'thanh')).status).toBe(403);
  });

  it('lists the farmer’s copied-label warnings (where the SMS sends them), to the owner only', async () => {
    const lotId = seedLotId(1);
    const raised = await traceRepository(db()).raiseCloneAlert({
      ownerId: thanh.id,
      lotId,
      serial: seedTeaSerials[4]!,
      reason: 'implausible_places',
      at: new Date().toISOString(),
    });
    expect(raised).toBe(true);
    const own = await get('/nong-dan', 'thanh');
    expect(own.html).toContain('Cảnh báo tem bị sao chép');
    expect(own.html).toContain(`sê-ri ${seedTeaSerials[4]}`);
    expect(own.html).toContain('quét ở nhiều tỉnh trong thời gian ngắn');
    expect(own.html).toContain(`/nong-dan/lo/${lotId}`);
    expect((await get('/nong-dan', 'hung')).html).not.toContain('Cảnh báo tem bị sao chép');
  });

  it('shows a commune officer the households of their own commune only', async () => {
    const { html } = await get('/nong-dan', 'officer');
    expect(html).toContain('Nguyễn Văn Thành');
    expect(html).toContain(`?ho=${thanh.id}`);
    expect(html).not.toContain('Phạm Văn Hùng');
    const other = await get(`/nong-dan/trang-trai?ho=${hung.id}`, 'officer');
    expect(other.status).toBe(403);
    expect(other.html).toContain('Cán bộ xã chỉ được ghi thay cho hộ trong xã mình.');
  });

  it('an officer registers a farm for a household; a malformed export code comes back beside its field', async () => {
    const fields = {
      intent: 'farm',
      householdName: 'Hộ Nguyễn Văn Thành – đồi chè 2',
      province: 'Thái Nguyên',
      commune: 'xã Tân Cương',
      plantingAreaCode: 'VN-TN-12',
    };
    const bad = await post(`/nong-dan/trang-trai?ho=${thanh.id}`, 'officer', fields);
    expect(bad.status).toBe(422);
    expect(bad.html).toMatch(/id="farm-plantingAreaCode-error"[^>]*>Mã xuất khẩu phải có dạng VN-XXOR-NNNN/);
    expect(bad.html).toMatch(
      /aria-invalid="true"[^>]*name="plantingAreaCode"|name="plantingAreaCode"[^>]*aria-invalid="true"/,
    );
    expect(bad.html).toContain('value="VN-TN-12"');

    const ok = await post(`/nong-dan/trang-trai?ho=${thanh.id}`, 'officer', {
      ...fields,
      plantingAreaCode: 'VN-TNOR-0099',
    });
    expect(ok.status).toBe(303);
    const farmId = /\/nong-dan\/trang-trai\/([^?]+)\?ho=/.exec(ok.location ?? '')?.[1];
    expect(farmId).toBeTruthy();
    const farm = await farmOf(farmId!);
    expect(farm).toMatchObject({
      ownerId: thanh.id,
      onBehalfBy: officer.id,
      plantingAreaCode: 'VN-TNOR-0099',
    });
  });

  it('speaks English under /en, errors included, and stays in English after the redirect', async () => {
    const pick = await get('/en/nong-dan', 'officer');
    expect(pick.html).toContain('<h1>Choose a household to work for</h1>');
    expect(pick.html).toContain(`href="/en/nong-dan?ho=${thanh.id}"`);
    const fields = {
      intent: 'farm',
      householdName: 'Hộ Thành – vườn 3',
      province: 'Thái Nguyên',
      commune: 'xã Tân Cương',
    };
    const bad = await post(`/en/nong-dan/trang-trai?ho=${thanh.id}`, 'officer', {
      ...fields,
      'gps.lat': '21,5',
    });
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('Both latitude and longitude are needed.');
    const wrongPlace = await post(`/en/nong-dan/trang-trai?ho=${thanh.id}`, 'officer', {
      ...fields,
      plantingAreaCode: 'VN-TNPH-0001',
    });
    expect(wrongPlace.html).toContain('Export codes must look like VN-XXOR-NNNN (e.g. VN-TNOR-0012).');
    const ok = await post(`/en/nong-dan/trang-trai?ho=${thanh.id}`, 'officer', fields);
    expect(ok.status).toBe(303);
    expect(ok.location).toMatch(new RegExp(`^/en/nong-dan/trang-trai/[0-9A-Z]+\\?ho=${thanh.id}$`));
  });

  it('an officer lists for the household only with its consent ticked, and core records that consent', async () => {
    const listings = listingRepository(db());
    const before = (await listings.listByFarmer(thanh.id)).length;
    const fields = {
      intent: 'listing',
      'title.vi': 'Chè búp khô loại 1',
      'description.vi': 'Chè búp sao tay.',
      category: 'che-ca-phe',
      baseUnit: 'g',
      stock: '10.000',
      'packs.0.size': '100',
      'packs.0.priceVnd': '45.000',
      'packs.2.size': '500',
      'packs.2.priceVnd': '200000',
      province: 'Thái Nguyên',
      commune: 'xã Tân Cương',
      publish: 'yes',
      consentMethod: 'phone_call',
    };
    const refused = await post(`/nong-dan/san-pham?ho=${thanh.id}`, 'officer', fields);
    expect(refused.status).toBe(422);
    expect(refused.html).toMatch(/id="listing-consent-error"[^>]*>Cần xác nhận hộ đã đồng ý\./);
    expect((await listings.listByFarmer(thanh.id)).length).toBe(before);

    const badPrice = await post(`/nong-dan/san-pham?ho=${thanh.id}`, 'officer', {
      ...fields,
      consent: 'yes',
      'packs.2.priceVnd': 'hai trăm',
    });
    expect(badPrice.html).toMatch(/id="listing-packs-2-priceVnd-error"[^>]*>Chưa đọc được số này\./);

    const ok = await post(`/nong-dan/san-pham?ho=${thanh.id}`, 'officer', { ...fields, consent: 'yes' });
    expect(ok.status).toBe(303);
    const created = (await listings.listByFarmer(thanh.id)).find((p) => p.title.vi === 'Chè búp khô loại 1');
    expect(created).toMatchObject({
      farmerId: thanh.id,
      status: 'published',
      stock: 10_000,
      agent: { officerId: officer.id, consent: { method: 'phone_call' } },
    });
    expect(created?.packs.map((p) => [p.size, p.priceVnd, p.label.vi])).toEqual([
      [100, 45_000, 'Gói 100 g'],
      [500, 200_000, 'Gói 500 g'],
    ]);

    // A farmer of another commune cannot list for this household.
    const stranger = await post(`/nong-dan/san-pham?ho=${thanh.id}`, 'hung', { ...fields, consent: 'yes' });
    expect(stranger.status).toBe(403);
    expect((await listings.listByFarmer(thanh.id)).length).toBe(before + 1);
  });

  it('the pre-harvest rule refuses a harvest with core’s message naming the pesticide and the safe date', async () => {
    const lotPage = `/nong-dan/lo/${seedLotId(1)}`;
    const sprayed = await post(lotPage, 'thanh', {
      intent: 'input',
      type: 'input',
      'input.kind': 'pesticide',
      'input.name': 'Abamectin 3.6EC',
      'input.preHarvestIntervalDays': '7',
      time: vietnamNow(),
    });
    // The seeded lot was harvested before now, so a spray now cannot be back-dated before it: allowed.
    expect(sprayed.status).toBe(303);
    const harvest = await post(lotPage, 'thanh', {
      intent: 'harvesting',
      type: 'harvesting',
      quantity: '20',
      unit: 'kg',
      time: vietnamNow(),
    });
    expect(harvest.status).toBe(422);
    expect(harvest.html).toMatch(
      /Chưa hết thời gian cách ly của thuốc &quot;Abamectin 3\.6EC&quot;: chỉ được thu hoạch từ ngày \d{2}\/\d{2}\/\d{4}/,
    );
  });
});

describe('a stranger farmer cannot write another household’s farm or lot through the site', () => {
  const farm = seedFarmId(1);
  const lot = seedLotId(1);

  it('adding a certificate to the farm is refused and nothing is written', async () => {
    const before = (await farmOf(farm))?.certifications.length;
    const res = await post(`/nong-dan/trang-trai/${farm}`, 'hung', {
      intent: 'cert',
      scheme: 'vietgap',
      number: 'FAKE-1',
      issuer: 'Nobody',
      validUntil: '2030-01-01',
    });
    expect(res.status).toBe(403);
    expect(res.html).not.toContain('FAKE-1');
    expect((await farmOf(farm))?.certifications.length).toBe(before);
  });

  it('creating a lot on the farm is refused', async () => {
    const res = await post(`/nong-dan/trang-trai/${farm}`, 'hung', {
      intent: 'lot',
      'productName.vi': 'Chè giả',
      quantity: '5',
      unit: 'kg',
    });
    expect(res.status).toBe(403);
    expect(res.location).toBeNull();
  });

  it('recording an event or issuing serials on the lot is refused and the log is unchanged', async () => {
    const before = (await eventsOf(lot)).length;
    const serialsBefore = (await traceRepository(db()).getLot(lot))?.serialCount;
    const event = await post(`/nong-dan/lo/${lot}`, 'hung', {
      intent: 'shipping',
      type: 'shipping',
      to: 'Kho giả',
      time: vietnamNow(),
    });
    expect(event.status).toBe(403);
    const serials = await post(`/nong-dan/lo/${lot}`, 'hung', { intent: 'serials', count: '5' });
    expect(serials.status).toBe(403);
    expect((await eventsOf(lot)).length).toBe(before);
    expect((await traceRepository(db()).getLot(lot))?.serialCount).toBe(serialsBefore);
  });

  it('the label sheet is not served to them, but is to the owner and the commune officer', async () => {
    expect((await get(`/nong-dan/lo/${lot}/tem`, 'hung')).status).toBe(403);
    const owner = await get(`/nong-dan/lo/${lot}/tem?copies=2`, 'thanh');
    expect(owner.status).toBe(200);
    expect(owner.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(owner.headers.get('content-disposition')).toBe('attachment; filename="tem-TC261020-A-50x30.svg"');
    expect(owner.html).toContain('VN-TNOR-0012');
    expect((await get(`/nong-dan/lo/${lot}/tem`, 'officer')).status).toBe(200);
    // A bad number of labels goes back to the lot page's form, which says why beside the field.
    const bad = await get(`/nong-dan/lo/${lot}/tem?copies=ba%20tr%C4%83m&size=50x30`, 'thanh');
    expect(bad.status).toBe(303);
    expect(bad.location).toBe(`/nong-dan/lo/${lot}?so-tem-loi=ba+tr%C4%83m#labels-title`);
    const back = await get(`/nong-dan/lo/${lot}?so-tem-loi=ba+tr%C4%83m`, 'thanh');
    expect(back.html).toMatch(/id="label-copies-error"[^>]*>Số tem phải là số nguyên từ 1 đến 500\./);
    expect(back.html).toMatch(/id="label-copies"[^>]*value="ba trăm"/);
    const enPage = await get(`/en/nong-dan/lo/${lot}`, 'thanh');
    expect([enPage.status, /<h1>[^<]*<\/h1>/.exec(enPage.html)?.[0]]).toEqual([
      200,
      '<h1>Lot TC261020-A</h1>',
    ]);
    const en = await get(`/en/nong-dan/lo/${lot}/tem`, 'officer');
    expect([en.status, en.html.slice(0, 200)]).toEqual([200, expect.stringContaining('<svg')]);
    const pdf = await fetch(`${site}/nong-dan/lo/${lot}/tem?format=pdf&size=38x21.2&copies=3`, {
      headers: { cookie: cookies.officer! },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename="tem-TC261020-A-38x21.2.pdf"');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect((await get(`/nong-dan/lo/${lot}/tem?format=pdf`, 'hung')).status).toBe(403);
    expect((await get(`/nong-dan/lo/${lot}/tem`)).status).toBe(303);
  });
});

describe('a listing’s own page on the desk: who may change it', () => {
  const listingId = seedId('prod', 2); // Thành's second tea, listed by himself
  const page = `/nong-dan/san-pham/${listingId}`;
  const listing = () => listingRepository(db()).get(listingId);

  it('another household, the commune officer who did not list it, and a buyer change nothing', async () => {
    const before = await listing();
    for (const who of ['hung', 'officer', 'buyer'] as const) {
      const attempts: Record<string, string>[] = [
        { intent: 'status', status: 'archived' },
        { intent: 'stock', stock: '1' },
        {
          intent: 'edit',
          'title.vi': 'Chè giả',
          category: 'che-ca-phe',
          province: 'Thái Nguyên',
          'packs.0.size': '1',
          'packs.0.priceVnd': '1',
        },
      ];
      for (const fields of attempts) {
        const res = await post(page, who, fields);
        expect([who, fields.intent, res.status]).toEqual([who, fields.intent, 403]);
      }
    }
    const after = await listing();
    expect(after).toMatchObject({ status: before?.status, stock: before?.stock, title: before?.title });
  });

  it('the owner pauses it, sets the stock the Vietnamese way, and cannot put it on sale below one pack', async () => {
    const paused = await post(page, 'thanh', { intent: 'status', status: 'draft' });
    expect([paused.status, paused.location]).toEqual([303, `${page}?ok=draft`]);
    expect((await listing())?.status).toBe('draft');
    const counted = await post(page, 'thanh', { intent: 'stock', stock: '12.500' });
    expect(counted.status).toBe(303);
    expect((await listing())?.stock).toBe(12_500);
    const halves = await post(page, 'thanh', { intent: 'stock', stock: '1,5' });
    expect(halves.status).toBe(422);
    expect(halves.html).toMatch(/id="stock-stock-error"[^>]*>Ô này cần số nguyên/);
    const smallest = Math.min(...((await listing())?.packs ?? []).map((p) => p.size));
    await post(page, 'thanh', { intent: 'stock', stock: String(smallest - 1) });
    const refused = await post(page, 'thanh', { intent: 'status', status: 'published' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('chưa đủ cho một gói');
    expect((await listing())?.status).toBe('draft');
    await post(page, 'thanh', { intent: 'stock', stock: '12.500' });
    expect((await post(page, 'thanh', { intent: 'status', status: 'published' })).status).toBe(303);
    expect((await listing())?.status).toBe('published');
  });

  it('an OCOP certificate must name one of the household’s own products', async () => {
    const farm = `/nong-dan/trang-trai/${seedFarmId(1)}`;
    const cert = {
      intent: 'cert',
      scheme: 'ocop',
      number: 'OCOP-X',
      issuer: 'UBND',
      validUntil: '2030-01-01',
      stars: '3',
    };
    const unnamed = await post(farm, 'thanh', cert);
    expect(unnamed.status).toBe(422);
    expect(unnamed.html).toContain('OCOP được cấp cho một sản phẩm');
    const someoneElses = await post(farm, 'thanh', { ...cert, productId: seedId('prod', 13) });
    expect(someoneElses.status).toBe(422);
    expect(someoneElses.html).toContain('Chọn một sản phẩm của chính hộ này.');
    const own = await post(farm, 'thanh', { ...cert, productId: listingId });
    expect(own.status).toBe(303);
    const stored = (await traceRepository(db()).getFarm(seedFarmId(1)))?.certifications.at(-1);
    expect(stored).toMatchObject({ scheme: 'ocop', number: 'OCOP-X', productId: listingId });
  });
});
