import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { peopleStore } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../../infra/local/src/admin-cli.ts';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';

/**
 * The province console over the real API and DynamoDB Local: the first admin from the command, markets,
 * zones, stalls with their vendors, invitations with a role and its place, role changes and deactivation
 * that hold on the next request, and the audit of every change.
 */
let api: TestApi;
let admin: string;
const market1 = seedId('market', 1);

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.tokenFor({ userId: seedId('admin', 1) });
});
afterAll(async () => {
  await api?.stop();
});

const outbox = () =>
  readFileSync(join(process.env.CHOPHIEN_OUTBOX_FILE ?? '', ''), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { to: string; text: string });

const itemCount = async () =>
  (await api.db.doc.send(new ScanCommand({ TableName: api.db.tableName, Select: 'COUNT' }))).Count ?? 0;

describe('the first admin (connected)', () => {
  it('`npm run admin -- create` makes a new person an admin who can then sign in; twice changes nothing', async () => {
    const env = { ...process.env };
    const first = await runAdminCommand(['create', '--phone', '0977 100 200', '--name', 'Lê Văn Quản'], env);
    expect(first.code).toBe(0);
    expect(first.lines[0]).toContain('Đã tạo quản trị viên Lê Văn Quản');
    const again = await runAdminCommand(['create', '--phone', '+84977100200'], env);
    expect(again.code).toBe(0);
    expect(again.lines[0]).toContain('không thay đổi');
    const token = await api.tokenFor({ phone: '+84977100200' });
    const me = await api.request('GET', '/me', { token });
    expect(me.json).toMatchObject({ roles: ['admin'], name: 'Lê Văn Quản' });
    const markets = await api.request('GET', '/admin/markets', { token });
    expect(markets.status).toBe(200);
  });

  it('refuses a number that is not Vietnamese, without writing', async () => {
    const before = await itemCount();
    const result = await runAdminCommand(['create', '--phone', '12345'], { ...process.env });
    expect(result.code).toBe(2);
    expect(await itemCount()).toBe(before);
  });
});

describe('markets, zones and stalls (connected)', () => {
  let marketId: string;
  let zoneId: string;

  it('creates a market; bad fields come back one by one in Vietnamese and English', async () => {
    const bad = await api.request('POST', '/admin/markets', {
      token: admin,
      body: {
        name: 'C',
        code: 'chợ!',
        province: 'Hải Dương cũ?',
        commune: 'Tân Cương',
        monthlyStallFeeVnd: -1,
      },
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.error.fields.map((field: { path: string }) => field.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.name',
        'body.code',
        'body.province',
        'body.commune',
        'body.monthlyStallFeeVnd',
      ]),
    );
    const commune = bad.json.error.fields.find((field: { path: string }) => field.path === 'body.commune');
    expect(commune.messages.vi).toContain('xã');
    expect(commune.messages.en).toContain('commune');

    const created = await api.request('POST', '/admin/markets', {
      token: admin,
      body: {
        name: 'Chợ Đồng Hỷ',
        code: 'dong hy',
        province: 'Bắc Kạn',
        commune: 'Xã Đồng Hỷ',
        monthlyStallFeeVnd: 250_000,
      },
    });
    expect(created.status).toBe(201);
    // Bắc Kạn is part of Thái Nguyên since 2025-07-01.
    expect(created.json.market).toMatchObject({
      code: 'DONGHY',
      province: 'Thái Nguyên',
      commune: 'xã Đồng Hỷ',
    });
    marketId = created.json.market.id;

    const taken = await api.request('POST', '/admin/markets', {
      token: admin,
      body: {
        name: 'Chợ khác',
        code: 'DONGHY',
        province: 'Thái Nguyên',
        commune: 'xã Đồng Hỷ',
        monthlyStallFeeVnd: 0,
      },
    });
    expect(taken.status).toBe(409);
    const seededCode = await api.request('POST', '/admin/markets', {
      token: admin,
      body: {
        name: 'Chợ trùng',
        code: 'TUCDUYEN',
        province: 'Thái Nguyên',
        commune: 'phường Phan Đình Phùng',
        monthlyStallFeeVnd: 0,
      },
    });
    expect(seededCode.status).toBe(409);
  });

  it('edits with the version it read; a stale edit is refused', async () => {
    const edited = await api.request('PATCH', `/admin/markets/${marketId}`, {
      token: admin,
      body: {
        name: 'Chợ Đồng Hỷ mới',
        province: 'Thái Nguyên',
        commune: 'xã Đồng Hỷ',
        monthlyStallFeeVnd: 300_000,
        version: 1,
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.json.market).toMatchObject({ name: 'Chợ Đồng Hỷ mới', version: 2 });
    const stale = await api.request('PATCH', `/admin/markets/${marketId}`, {
      token: admin,
      body: {
        name: 'Ghi đè',
        province: 'Thái Nguyên',
        commune: 'xã Đồng Hỷ',
        monthlyStallFeeVnd: 1,
        version: 1,
      },
    });
    expect(stale.status).toBe(409);
  });

  it('adds a zone and a stall; the stall’s vendor is invited by SMS with a link', async () => {
    const zone = await api.request('POST', `/admin/markets/${marketId}/zones`, {
      token: admin,
      body: { name: 'Khu A' },
    });
    expect(zone.status).toBe(201);
    zoneId = zone.json.zone.id;
    const sameName = await api.request('POST', `/admin/markets/${marketId}/zones`, {
      token: admin,
      body: { name: 'khu a' },
    });
    expect(sameName.status).toBe(409);

    const stall = await api.request('POST', `/admin/markets/${marketId}/stalls`, {
      token: admin,
      body: {
        zoneId,
        number: 'a01',
        vendorName: 'Trần Thị Bích',
        vendorPhone: '0912 345 678',
        goods: 'Rau',
        account: { bin: 'Vietcombank', accountNumber: '0011 0004 56789' },
      },
    });
    expect(stall.status).toBe(201);
    expect(stall.json.stall).toMatchObject({
      code: 'DONGHY-A01',
      number: 'A01',
      zone: 'Khu A',
      declaredAccount: { bin: '970436', accountNumber: '001100045678' + '9' },
    });
    expect(stall.json.stall.accountId).toBeUndefined();
    const vendor = await peopleStore(api.db).getByPhone('+84912345678');
    expect(vendor).toMatchObject({ roles: ['vendor'], status: 'invited', name: 'Trần Thị Bích' });
    expect(outbox().some((sms) => sms.to === '+84912345678' && sms.text.includes('/dang-nhap'))).toBe(true);

    const again = await api.request('POST', `/admin/markets/${marketId}/stalls`, {
      token: admin,
      body: { zoneId, number: 'A01', vendorName: 'Người khác', vendorPhone: '0912 345 679' },
    });
    expect(again.status).toBe(409);
    expect(await peopleStore(api.db).getByPhone('+84912345679')).toBeUndefined();

    const detail = await api.request('GET', `/admin/markets/${marketId}`, { token: admin });
    expect(detail.json.stalls).toHaveLength(1);
    expect(detail.json.zones.map((z: { name: string }) => z.name)).toEqual(['Khu A']);
  });

  it('closes the market and keeps it', async () => {
    const closed = await api.request('POST', `/admin/markets/${marketId}/status`, {
      token: admin,
      body: { status: 'closed', version: 2 },
    });
    expect(closed.status).toBe(200);
    expect(closed.json.market.status).toBe('closed');
  });

  it('every change is in the month’s audit with who, what, when, before and after; exported as CSV', async () => {
    const audit = await api.request('GET', '/admin/audit', { token: admin });
    expect(audit.status).toBe(200);
    const actions = audit.json.entries.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'market_created',
        'market_updated',
        'market_closed',
        'zone_created',
        'stall_created',
        'person_invited',
      ]),
    );
    const update = audit.json.entries.find((entry: { action: string }) => entry.action === 'market_updated');
    expect(update).toMatchObject({
      actorId: seedId('admin', 1),
      target: { kind: 'market', id: marketId },
      before: { name: 'Chợ Đồng Hỷ' },
      after: { name: 'Chợ Đồng Hỷ mới' },
    });
    const stallEntry = audit.json.entries.find(
      (entry: { action: string }) => entry.action === 'stall_created',
    );
    expect(JSON.stringify(stallEntry)).not.toContain('0011000456789');
    const ofMarket = await api.request('GET', `/admin/audit?target=${marketId}`, { token: admin });
    expect(
      ofMarket.json.entries.every((entry: { target: { id: string } }) => entry.target.id === marketId),
    ).toBe(true);
    const csv = await api.request('GET', '/admin/audit.csv', { token: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      'at,actor,action,target_kind,target_id,before,after',
    );
    expect(csv.text).toContain('market_updated');
  });
});

describe('people: invitations, grants and deactivation (connected)', () => {
  it('invites a market manager for one market, who then manages it and nothing else', async () => {
    const invited = await api.request('POST', '/admin/people/invitations', {
      token: admin,
      body: { phone: '0933 000 111', name: 'Đào Văn Mạnh', role: 'market_manager', marketId: market1 },
    });
    expect(invited.status).toBe(201);
    const manager = await api.tokenFor({ phone: '+84933000111' });
    expect((await api.request('GET', `/markets/${market1}/stalls`, { token: manager })).status).toBe(200);
    expect(
      (await api.request('GET', `/markets/${seedId('market', 2)}/stalls`, { token: manager })).status,
    ).toBe(403);
    const markets = await api.request('GET', '/markets', { token: manager });
    expect(markets.json.markets.map((m: { id: string }) => m.id)).toEqual([market1]);
    const again = await api.request('POST', '/admin/people/invitations', {
      token: admin,
      body: { phone: '+84933000111', name: 'Đào Văn Mạnh', role: 'market_manager', marketId: market1 },
    });
    expect(again.status).toBe(200);
    expect(again.json.changed).toBe(false);
  });

  it('a revoked role and a deactivated account hold on the next request, with the same token', async () => {
    const manager = await api.tokenFor({ phone: '+84933000111' });
    const person = (await peopleStore(api.db).getByPhone('+84933000111'))!;
    const revoked = await api.request('PUT', `/admin/people/${person.id}/grants`, {
      token: admin,
      body: { grants: [{ role: 'vendor' }], version: person.version },
    });
    expect(revoked.status).toBe(200);
    expect((await api.request('GET', `/markets/${market1}/stalls`, { token: manager })).status).toBe(403);
    const stale = await api.request('PUT', `/admin/people/${person.id}/grants`, {
      token: admin,
      body: { grants: [{ role: 'admin' }], version: person.version },
    });
    expect(stale.status).toBe(409);

    const current = (await peopleStore(api.db).get(person.id))!;
    const off = await api.request('POST', `/admin/people/${person.id}/status`, {
      token: admin,
      body: { status: 'deactivated', version: current.version },
    });
    expect(off.status).toBe(200);
    expect((await api.request('GET', '/vendor/stalls', { token: manager })).status).toBe(401);
    const signIn = await api.request('POST', '/dev/token', { body: { phone: '+84933000111' } });
    expect(signIn.status).toBe(403);
    const audit = await api.request('GET', `/admin/audit?target=${person.id}`, { token: admin });
    expect(audit.json.entries.map((entry: { action: string }) => entry.action)).toEqual([
      'person_deactivated',
      'grants_changed',
      'person_invited',
    ]);
  });

  it('an admin cannot remove their own admin role or deactivate themselves', async () => {
    const me = (await peopleStore(api.db).get(seedId('admin', 1)))!;
    const drop = await api.request('PUT', `/admin/people/${me.id}/grants`, {
      token: admin,
      body: { grants: [{ role: 'buyer' }], version: me.version ?? 0 },
    });
    expect(drop.status).toBe(409);
    const off = await api.request('POST', `/admin/people/${me.id}/status`, {
      token: admin,
      body: { status: 'deactivated', version: me.version ?? 0 },
    });
    expect(off.status).toBe(409);
  });

  it('a commune officer invites a household of their commune, not of another (declared scope)', async () => {
    const officer = await api.tokenFor({ userId: seedId('officer', 1) });
    const before = await itemCount();
    const elsewhere = await api.request('POST', '/admin/people/invitations', {
      token: officer,
      body: {
        phone: '0944 000 222',
        name: 'Hộ Ma Văn Sinh',
        role: 'farmer',
        province: 'Thái Nguyên',
        commune: 'xã La Hiên',
      },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json.error.fields[0].path).toBe('body.commune');
    const asManager = await api.request('POST', '/admin/people/invitations', {
      token: officer,
      body: { phone: '0944 000 222', name: 'Hộ Ma Văn Sinh', role: 'market_manager', marketId: market1 },
    });
    expect(asManager.status).toBe(403);
    expect(await itemCount()).toBe(before);
    const home = await api.request('POST', '/admin/people/invitations', {
      token: officer,
      body: {
        phone: '0944 000 222',
        name: 'Hộ Ma Văn Sinh',
        role: 'farmer',
        province: 'Thái Nguyên',
        commune: 'xã Tân Cương',
      },
    });
    expect(home.status).toBe(201);
    expect(home.json.person).toMatchObject({ roles: ['farmer'], commune: 'xã Tân Cương', status: 'invited' });
  });

  it('lists people newest first and finds one by the number as people type it', async () => {
    const page = await api.request('GET', '/admin/people', { token: admin });
    expect(page.status).toBe(200);
    expect(page.json.people.length).toBeGreaterThan(5);
    const found = await api.request('GET', '/admin/people?phone=0944%20000%20222', { token: admin });
    expect(found.json.people).toHaveLength(1);
  });
});
