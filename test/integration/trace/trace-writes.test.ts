import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { seedFarmId, seedLotId, seedTeaGtin } from '../../../infra/local/src/seed/trace.ts';
import { farmers, staff } from '../../../infra/local/src/seed/users.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';

let api: TestApi;
const tokens: Record<string, string> = {};
const phoneOf = (role: string) => staff.find((user) => user.roles.includes(role as never))!.phone;

beforeAll(async () => {
  api = await startTestApi();
  const people = {
    owner: farmers[0]!.phone, // Tân Cương, owns seeded farm 1
    otherFarmer: farmers[4]!.phone, // Thanh Hà, owns farm 5
    officer: phoneOf('commune_officer'), // officer of xã Tân Cương
    buyer: phoneOf('buyer'),
    vendor: phoneOf('vendor'),
    manager: phoneOf('market_manager'),
    admin: phoneOf('admin'),
  };
  for (const [name, phone] of Object.entries(people)) tokens[name] = await api.tokenFor({ phone });
});
afterAll(async () => {
  await api?.stop();
});

const teaFarm = seedFarmId(1);
const lycheeFarm = seedFarmId(5);

const countItems = async (prefix: string) =>
  (
    await api.db.doc.send(
      new ScanCommand({
        TableName: api.db.tableName,
        FilterExpression: 'begins_with(PK, :p)',
        ExpressionAttributeValues: { ':p': prefix },
        Select: 'COUNT',
      }),
    )
  ).Count ?? 0;

/** A listing of the caller's carrying `gtin`: how a household's GTIN becomes theirs (decision 0902). */
const listWithGtin = (token: string, gtin: string, extra: Record<string, unknown> = {}) =>
  api.request('POST', '/listings', {
    token,
    body: {
      title: { vi: `Chè có mã GTIN ${gtin}` },
      description: { vi: 'Chè đóng gói có mã vạch riêng của hộ.' },
      category: 'che-ca-phe',
      baseUnit: 'g',
      stock: 1000,
      packs: [{ id: '100g', label: { vi: 'Gói 100 g' }, size: 100, priceVnd: 45_000 }],
      province: 'Thái Nguyên',
      gtin,
      ...extra,
    },
  });

const lotBody = (extra: Record<string, unknown> = {}) => ({
  productName: { vi: 'Chè búp Tân Cương', en: 'Tan Cuong bud tea' },
  quantity: 40,
  unit: 'kg',
  harvestDate: '2026-11-10',
  ...extra,
});

describe('who may add lots to a farm', () => {
  it('the farm owner creates a lot and gets a generated CSET 82 lot code and its printed URI', async () => {
    const res = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner,
      body: lotBody(),
    });
    expect(res.status).toBe(201);
    expect(res.json.lotCode).toMatch(/^261110-[0-9A-Z]{4}$/);
    expect(res.json.onBehalfBy).toBeUndefined();
    expect(res.json.uri).toMatch(new RegExp(`/l/${res.json.lotCode}$`));
  });

  it('the commune officer of the same commune creates one on the household’s behalf, and it is recorded', async () => {
    const res = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.officer,
      body: lotBody(),
    });
    expect(res.status).toBe(201);
    expect(res.json.ownerId).toBe(farmers[0]!.id);
    expect(res.json.onBehalfBy).toBe(staff.find((u) => u.roles.includes('commune_officer'))!.id);
  });

  it('an officer of another commune is refused (403) and nothing is written', async () => {
    const before = await countItems('LOT#');
    const res = await api.request('POST', `/trace/farms/${lycheeFarm}/lots`, {
      token: tokens.officer,
      body: lotBody(),
    });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('other_commune');
    expect(await countItems('LOT#')).toBe(before);
  });

  it('a farmer who does not own the farm is refused (403)', async () => {
    const res = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.otherFarmer,
      body: lotBody(),
    });
    expect(res.status).toBe(403);
  });

  it.each(['buyer', 'vendor', 'manager', 'admin'])('the %s role is refused (403)', async (who) => {
    const res = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens[who],
      body: lotBody(),
    });
    expect(res.status).toBe(403);
  });

  it('without a token the answer is 401', async () => {
    const res = await api.request('POST', `/trace/farms/${teaFarm}/lots`, { body: lotBody() });
    expect(res.status).toBe(401);
  });

  it('an unknown farm is 404', async () => {
    const res = await api.request('POST', '/trace/farms/01NOPE/lots', {
      token: tokens.owner,
      body: lotBody(),
    });
    expect(res.status).toBe(404);
  });
});

describe('lot input is checked field by field, and a bad request writes nothing', () => {
  it('rejects a lot code outside CSET 82 or longer than 20, and a GTIN with a wrong check digit', async () => {
    const before = await countItems('LOT');
    const res = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner,
      body: lotBody({ lotCode: 'LÔ-CHÈ-01', gtin: '8930001234568' }),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('validation_failed');
    const paths = res.json.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.lotCode', 'body.gtin']));
    const lotField = res.json.error.fields.find((f: { path: string }) => f.path === 'body.lotCode');
    expect(JSON.stringify(lotField)).toMatch(/GS1 82/);
    const long = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner,
      body: lotBody({ lotCode: 'A'.repeat(21) }),
    });
    expect(long.status).toBe(400);
    expect(await countItems('LOT')).toBe(before);
  });

  it('a lot code already used for the same GTIN is a 409; the same code under another GTIN is fine', async () => {
    for (const gtin of ['8934588012228', '8935049500537'])
      expect((await listWithGtin(tokens.owner!, gtin)).status).toBe(201);
    const first = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner,
      body: lotBody({ lotCode: 'DUP-01', gtin: '8934588012228' }),
    });
    expect(first.status).toBe(201);
    expect(first.json.gtin).toBe('08934588012228');
    const again = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner,
      body: lotBody({ lotCode: 'DUP-01', gtin: '8934588012228' }),
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('lot_code_taken');
    const otherGtin = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner,
      body: lotBody({ lotCode: 'DUP-01', gtin: '8935049500537' }),
    });
    expect(otherGtin.status).toBe(201);
  });

  it('ten concurrent requests for one lot code create exactly one lot', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.request('POST', `/trace/farms/${teaFarm}/lots`, {
          token: tokens.owner,
          body: lotBody({ lotCode: 'RACE-1' }),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  });
});

describe('registering farms', () => {
  const farmBody = {
    householdName: 'Hộ Nguyễn Văn Thành (đồi 2)',
    province: 'Thái Nguyên',
    commune: 'xã Tân Cương',
    plantingAreaCode: 'VN-TNOR-0044',
    certifications: [
      {
        scheme: 'ocop',
        number: 'OCOP-1',
        issuer: 'UBND tỉnh',
        validUntil: '2027-01-01',
        stars: 4,
        score: 75,
      },
    ],
  };

  it('a farmer registers their own farm', async () => {
    const res = await api.request('POST', '/trace/farms', { token: tokens.owner, body: farmBody });
    expect(res.status).toBe(201);
    expect(res.json.ownerId).toBe(farmers[0]!.id);
  });

  it('the commune officer registers a farm for a household of their commune', async () => {
    const res = await api.request('POST', '/trace/farms', {
      token: tokens.officer,
      body: { ...farmBody, ownerId: farmers[0]!.id },
    });
    expect(res.status).toBe(201);
    expect(res.json.onBehalfBy).toBeDefined();
  });

  it('a farmer cannot register a farm for someone else, nor an officer outside their commune', async () => {
    const forOther = await api.request('POST', '/trace/farms', {
      token: tokens.otherFarmer,
      body: { ...farmBody, ownerId: farmers[0]!.id },
    });
    expect(forOther.status).toBe(403);
    const elsewhere = await api.request('POST', '/trace/farms', {
      token: tokens.officer,
      body: { ...farmBody, ownerId: farmers[4]!.id, province: 'Hải Phòng', commune: 'xã Thanh Hà' },
    });
    expect(elsewhere.status).toBe(403);
  });

  it.each(['buyer', 'vendor', 'manager', 'admin'])('the %s role cannot register a farm', async (who) => {
    const res = await api.request('POST', '/trace/farms', { token: tokens[who], body: farmBody });
    expect(res.status).toBe(403);
  });

  it('rejects a malformed export planting-area code and an OCOP score outside its star band', async () => {
    const res = await api.request('POST', '/trace/farms', {
      token: tokens.owner,
      body: {
        ...farmBody,
        plantingAreaCode: 'VN-TN-12',
        certifications: [{ ...farmBody.certifications[0], stars: 5, score: 75 }],
      },
    });
    expect(res.status).toBe(400);
    const paths = res.json.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.plantingAreaCode', 'body.certifications.0.score']));
  });
});

describe('events', () => {
  let lotId: string;
  beforeAll(async () => {
    const res = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner,
      body: lotBody(),
    });
    lotId = res.json.id;
  });

  it('refuses a harvest inside a pesticide’s pre-harvest interval, naming the input and the safe date', async () => {
    const spray = await api.request('POST', `/trace/lots/${lotId}/events`, {
      token: tokens.officer,
      body: {
        type: 'input',
        time: '2026-11-01T07:00:00+07:00',
        input: { kind: 'pesticide', name: 'Emamectin benzoate 5%', preHarvestIntervalDays: 7 },
      },
    });
    expect(spray.status).toBe(201);
    expect(spray.json.onBehalfBy).toBeDefined();
    const early = await api.request('POST', `/trace/lots/${lotId}/events`, {
      token: tokens.owner,
      body: { type: 'harvesting', time: '2026-11-06T07:00:00+07:00', quantity: 40, unit: 'kg' },
    });
    expect(early.status).toBe(422);
    expect(early.json.error.code).toBe('pre_harvest_interval');
    expect(early.json.error.message).toContain('Emamectin benzoate 5%');
    expect(early.json.error.message).toContain('08/11/2026');
    const safe = await api.request('POST', `/trace/lots/${lotId}/events`, {
      token: tokens.owner,
      body: { type: 'harvesting', time: '2026-11-08T07:00:00+07:00', quantity: 40, unit: 'kg' },
    });
    expect(safe.status).toBe(201);
  });

  it('a pesticide needs its pre-harvest interval (400, field-level)', async () => {
    const res = await api.request('POST', `/trace/lots/${lotId}/events`, {
      token: tokens.owner,
      body: {
        type: 'input',
        time: '2026-11-01T07:00:00+07:00',
        input: { kind: 'pesticide', name: 'Abamectin' },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields[0].path).toBe('body.input.preHarvestIntervalDays');
  });

  it.each(['otherFarmer', 'buyer', 'vendor', 'manager', 'admin'])(
    '%s cannot add events to the lot',
    async (who) => {
      const res = await api.request('POST', `/trace/lots/${lotId}/events`, {
        token: tokens[who],
        body: { type: 'shipping', time: '2026-11-09T07:00:00+07:00', to: 'Chợ Thái Nguyên' },
      });
      expect(res.status).toBe(403);
    },
  );

  it('concurrent events on one lot are all kept (optimistic retries, no lost write)', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        api.request('POST', `/trace/lots/${lotId}/events`, {
          token: tokens.owner,
          body: { type: 'shipping', time: `2026-11-09T0${i}:00:00+07:00`, to: `Chợ số ${i}` },
        }),
      ),
    );
    const created = results.filter((r) => r.status === 201).length;
    const { Items = [] } = await api.db.doc.send(
      new QueryCommand({
        TableName: api.db.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :e)',
        ExpressionAttributeValues: { ':pk': `LOT#${lotId}`, ':e': 'EVENT#' },
      }),
    );
    expect(Items.filter((item) => item.type === 'shipping')).toHaveLength(created);
    expect(created).toBeGreaterThanOrEqual(3);
  });
});

describe('serials and labels', () => {
  it('only the owner or the commune officer issues serials or prints labels', async () => {
    const lot = seedLotId(1);
    for (const who of ['otherFarmer', 'buyer', 'vendor', 'manager', 'admin']) {
      const serials = await api.request('POST', `/trace/lots/${lot}/serials`, {
        token: tokens[who],
        body: { count: 2 },
      });
      expect(serials.status, who).toBe(403);
      const labels = await api.request('GET', `/trace/lots/${lot}/labels`, { token: tokens[who] });
      expect(labels.status, who).toBe(403);
    }
    const issued = await api.request('POST', `/trace/lots/${lot}/serials`, {
      token: tokens.officer,
      body: { count: 3 },
    });
    expect(issued.status).toBe(201);
    expect(issued.json.serials).toHaveLength(3);
    expect(issued.json.serials[0].uri).toMatch(
      /\/01\/\d{14}\/10\/TC261020-A\/21\/[0-9A-Z]{10}\?t=[\w-]{16}$/,
    );
    expect(issued.json.serials[0].pin).toMatch(/^\d{6}$/);
  });

  it('a count outside 1–500 is a 400', async () => {
    const res = await api.request('POST', `/trace/lots/${seedLotId(1)}/serials`, {
      token: tokens.owner,
      body: { count: 0 },
    });
    expect(res.status).toBe(400);
  });
});

describe("listing a household's farms and lots", () => {
  it('a farmer sees their own farms; the owner and the commune officer see the farm lots, newest first', async () => {
    const farms = await api.request('GET', '/trace/farms', { token: tokens.owner });
    expect(farms.status).toBe(200);
    expect(farms.json.farms.map((f: { id: string }) => f.id)).toContain(teaFarm);
    expect(farms.json.farms.every((f: { ownerId: string }) => f.ownerId === farmers[0]!.id)).toBe(true);
    for (const who of ['owner', 'officer']) {
      const lots = await api.request('GET', `/trace/farms/${teaFarm}/lots`, { token: tokens[who] });
      expect(lots.status, who).toBe(200);
      const created = lots.json.lots.map((l: { createdAt: string }) => l.createdAt);
      expect(created).toEqual([...created].sort().reverse());
    }
  });

  it.each(['otherFarmer', 'buyer', 'vendor', 'manager', 'admin'])(
    "%s cannot list the farm's lots",
    async (who) => {
      const res = await api.request('GET', `/trace/farms/${teaFarm}/lots`, { token: tokens[who] });
      expect(res.status).toBe(403);
    },
  );
});

describe('a GTIN belongs to one producer (decision 0902)', () => {
  const lotOn = (token: string, farmId: string, gtin: string, lotCode: string) =>
    api.request('POST', `/trace/farms/${farmId}/lots`, { token, body: lotBody({ gtin, lotCode }) });

  it('a farmer cannot create a lot under another producer’s GTIN (the seeded tea GTIN is farmer 1’s)', async () => {
    const before = await countItems('LOT');
    const res = await lotOn(tokens.otherFarmer!, lycheeFarm, seedTeaGtin, 'FAKE-TEA-1');
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('gtin_not_yours');
    expect(res.json.error.fields.map((f: { path: string }) => f.path)).toEqual(['gtin']);
    expect(res.json.error.message).toMatch(/thuộc về một nhà sản xuất khác/);
    expect(await countItems('LOT')).toBe(before);
  });

  it('an officer writing for a household is held to that household’s GTINs', async () => {
    expect((await lotOn(tokens.officer!, teaFarm, seedTeaGtin, 'OFFICER-TEA-1')).status).toBe(201);
    const res = await lotOn(tokens.officer!, teaFarm, '8930000000019', 'OFFICER-GTIN-1');
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('gtin_not_listed');
  });

  it('a GTIN no listing of the household carries is refused, field by field, in both languages', async () => {
    const res = await lotOn(tokens.owner!, teaFarm, '8930000000026', 'UNLISTED-1');
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({
      code: 'gtin_not_listed',
      messages: {
        vi: expect.stringMatching(/Hãy ghi GTIN vào sản phẩm/),
        en: expect.stringMatching(/Add it to the listing/),
      },
    });
  });

  it('once the household lists the product with its GTIN, lots under it are accepted', async () => {
    expect((await listWithGtin(tokens.owner!, '8930000000033')).status).toBe(201);
    expect((await lotOn(tokens.owner!, teaFarm, '8930000000033', 'LISTED-1')).status).toBe(201);
  });

  it('a listing cannot claim another producer’s GTIN (409), and the GTIN stays theirs', async () => {
    const res = await listWithGtin(tokens.otherFarmer!, seedTeaGtin, { province: 'Hải Phòng' });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('gtin_taken');
    const patch = await api.request('PATCH', `/listings/${seedId('prod', 13)}`, {
      token: tokens.otherFarmer!,
      body: { gtin: seedTeaGtin },
    });
    expect(patch.status).toBe(409);
    expect((await lotOn(tokens.owner!, teaFarm, seedTeaGtin, 'STILL-MINE-1')).status).toBe(201);
  });

  it('a lot may point its "buy" link only at the household’s own listing', async () => {
    const other = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner!,
      body: lotBody({ productId: seedId('prod', 13) }), // farmer 5's lychee
    });
    expect(other.status).toBe(422);
    expect(other.json.error.code).toBe('product_not_yours');
    const own = await api.request('POST', `/trace/farms/${teaFarm}/lots`, {
      token: tokens.owner!,
      body: lotBody({ productId: seedId('prod', 1) }),
    });
    expect(own.status).toBe(201);
  });

  it('two producers claiming one new GTIN at the same moment: exactly one gets it', async () => {
    const gtin = '8930000000040';
    const [a, b] = await Promise.all([
      listWithGtin(tokens.owner!, gtin),
      listWithGtin(tokens.otherFarmer!, gtin, { province: 'Hải Phòng' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });
});
