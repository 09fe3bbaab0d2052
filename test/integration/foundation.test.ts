import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { indexes, migrateTable, tableDefinition } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../infra/local/src/seed/index.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

describe('table (connected)', () => {
  it('is created from the shared definition: keys, every GSI and TTL', async () => {
    const { Table } = await api.db.raw.send(new DescribeTableCommand({ TableName: api.db.tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    const gsis = (Table?.GlobalSecondaryIndexes ?? []).map((index) => ({
      indexName: index.IndexName,
      partitionKey: index.KeySchema?.find((key) => key.KeyType === 'HASH')?.AttributeName,
      sortKey: index.KeySchema?.find((key) => key.KeyType === 'RANGE')?.AttributeName,
    }));
    expect(gsis.sort((a, b) => a.indexName!.localeCompare(b.indexName!))).toEqual([
      ...tableDefinition.indexes,
    ]);
    const ttl = await api.db.raw.send(new DescribeTimeToLiveCommand({ TableName: api.db.tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(tableDefinition.ttlAttribute);
  });

  it('migration is idempotent and reports nothing to do on a second run', async () => {
    const report = await migrateTable(api.db.raw, api.db.tableName);
    expect(report).toEqual({ created: false, addedIndexes: [], ttlEnabled: true });
  });

  it('seeding twice duplicates nothing', async () => {
    const count = async () =>
      (await api.db.doc.send(new ScanCommand({ TableName: api.db.tableName, Select: 'COUNT' }))).Count;
    const before = await count();
    const report = await seed(api.db);
    expect(report.applied).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('seeds realistic Vietnamese data: published products in Thái Nguyên, Thanh Hóa and Hải Phòng', async () => {
    const { Items = [] } = await api.db.doc.send(
      new QueryCommand({
        TableName: api.db.tableName,
        IndexName: indexes.byTime.indexName,
        KeyConditionExpression: 'GSI3PK = :pk',
        ExpressionAttributeValues: { ':pk': 'CATALOG#published' },
      }),
    );
    expect(Items.length).toBeGreaterThanOrEqual(18);
    expect(new Set(Items.map((item) => item.province))).toEqual(
      new Set(['Thái Nguyên', 'Thanh Hóa', 'Hải Phòng']),
    );
    expect(Items.map((item) => item.title.vi)).toContain('Chè Thái Nguyên búp Tân Cương');
  });
});

describe('HTTP API (connected)', () => {
  it('GET /health answers 200 after a real read', async () => {
    const response = await api.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ status: 'ok', table: 'ok' });
  });

  it('GET /me without a token is 401 with a Vietnamese message first', async () => {
    const response = await api.request('GET', '/me');
    expect(response.status).toBe(401);
    expect(response.json.error.code).toBe('unauthenticated');
    expect(response.json.error.message).toMatch(/đăng nhập/);
    expect(response.json.error.messages.en).toMatch(/Sign-in/);
  });

  it('GET /me answers in English when asked', async () => {
    const response = await api.request('GET', '/me', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(response.json.error.message).toMatch(/Sign-in required/);
  });

  it.each([
    ['farmer', '+84912000001', 'Nguyễn Văn Thành'],
    ['buyer', '+84987000001', 'Trần Minh Anh'],
    ['vendor', '+84987000011', 'Vũ Thị Hạnh'],
    ['market_manager', '+84987000021', 'Trịnh Văn Quang'],
    ['commune_officer', '+84987000031', 'Đinh Thị Huyền'],
    ['admin', '+84987000041', 'Quản trị Chợ Phiên'],
  ])('GET /me for the seeded %s returns their profile and role', async (role, phone, name) => {
    const token = await api.tokenFor({ phone });
    const response = await api.request('GET', '/me', { token });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ roles: [role], name, phone, registered: true });
  });

  it('a token signed by another key is refused', async () => {
    const token = await api.tokenFor({ phone: '+84912000001' });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not-the-signature').toString('base64url')}`;
    expect((await api.request('GET', '/me', { token: forged })).status).toBe(401);
  });

  it('a token with a tampered role is refused', async () => {
    const token = await api.tokenFor({ phone: '+84987000001' });
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims['cognito:groups'] = ['admin'];
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect((await api.request('GET', '/me', { token: tampered })).status).toBe(401);
  });

  it('an unknown path is 404 like API Gateway', async () => {
    const response = await api.request('GET', '/khong-co');
    expect(response.status).toBe(404);
  });

  it('POST /dev/token for an unknown phone is 404 with a clear message', async () => {
    const response = await api.request('POST', '/dev/token', { body: { phone: '+84900000000' } });
    expect(response.status).toBe(404);
    expect(response.json.error.code).toBe('unknown_user');
  });
});
