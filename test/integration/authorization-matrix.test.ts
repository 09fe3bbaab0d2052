import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { routes } from '@chophien/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../infra/local/src/seed/ids.ts';
import { seedFarmId, seedLotId } from '../../infra/local/src/seed/trace.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * Walks THE route table: every route that acts on a scoped record (a market, a stall, a farm, a lot, a
 * listing, a person) is tried by each role, by the same role in another market or commune, and by a
 * stranger; a refused request writes nothing. Routes that take a scope in the body are also tried with a
 * scope the caller does not hold. A route added to the table without a case here fails this test.
 */
let api: TestApi;
const tokens: Record<string, string | undefined> = {};

const actors = {
  stranger: undefined,
  buyer: { phone: '+84987000001' },
  farmer1: { userId: seedId('farmer', 1) },
  farmer2: { userId: seedId('farmer', 2) },
  vendor1: { userId: seedId('vendor', 1) },
  vendor3: { userId: seedId('vendor', 3) },
  manager1: { userId: seedId('manager', 1) },
  manager2: { userId: seedId('manager', 2) },
  officer1: { userId: seedId('officer', 1) },
  officer2: { userId: seedId('officer', 2) },
  admin: { userId: seedId('admin', 1) },
  // Onboarding's roles (decision 0820): vendor 1's helper at stall 1; the digital team of xã Tân Cương.
  helper1: { userId: seedId('helper', 1) },
  digital1: { userId: seedId('digital', 1) },
} as const;
type ActorName = keyof typeof actors;
const actorNames = Object.keys(actors) as ActorName[];

const market1 = seedId('market', 1);
const stall1 = seedId('stall', 1);
const farm1 = seedFarmId(1);
const lot1 = seedLotId(1);
const listing1 = seedId('prod', 1);
const today = new Date().toISOString().slice(0, 10);

interface Case {
  readonly path: string;
  readonly body?: unknown;
  /** Who may: everyone else (other roles, the same role elsewhere, strangers) must be refused. */
  readonly allowed: readonly ActorName[];
}

/** The household of farmer 1 (xã Tân Cương); officer 1 serves Tân Cương, officer 2 La Hiên. */
const farmBody = {
  ownerId: seedId('farmer', 1),
  householdName: 'Hộ thử ma trận',
  province: 'Thái Nguyên',
  commune: 'xã Tân Cương',
};

const cases: Record<string, Case> = {
  // Books (decisions 1000, 1001): a household's book for itself and its commune officer; aggregates for the
  // market's manager and the province; the seller report for admins.
  'GET /books/sales': {
    path: `/books/sales?period=2026-11&householdId=${seedId('farmer', 1)}`,
    allowed: ['farmer1', 'officer1'],
  },
  'GET /books/revenue': {
    path: `/books/revenue?year=2026&householdId=${seedId('farmer', 1)}`,
    allowed: ['farmer1', 'officer1'],
  },
  'GET /books/bank-accounts': {
    path: `/books/bank-accounts?year=2026&householdId=${seedId('farmer', 1)}`,
    allowed: ['farmer1', 'officer1'],
  },
  'GET /markets/{marketId}/takings': {
    path: `/markets/${market1}/takings?period=2026-11`,
    allowed: ['manager1', 'admin'],
  },
  'GET /province/takings': { path: '/province/takings?period=2026-11', allowed: ['admin'] },
  'GET /admin/seller-report': { path: '/admin/seller-report?quarter=2026-Q4', allowed: ['admin'] },
  'POST /stalls/{stallId}/sales': {
    path: `/stalls/${stall1}/sales`,
    body: { amountVnd: 10_000 },
    allowed: ['vendor1', 'helper1'],
  },
  'GET /stalls/{stallId}/day': {
    path: `/stalls/${stall1}/day`,
    allowed: ['vendor1', 'helper1', 'manager1', 'admin'],
  },
  'GET /stalls/{stallId}/standee': {
    path: `/stalls/${stall1}/standee`,
    allowed: ['vendor1', 'manager1', 'admin'],
  },
  'POST /stalls/{stallId}/reconciliation': {
    path: `/stalls/${stall1}/reconciliation`,
    body: { csv: 'transaction_id,amount_vnd\n' },
    allowed: ['vendor1', 'manager1', 'admin'],
  },
  'GET /markets': { path: '/markets', allowed: ['manager1', 'manager2', 'admin'] },
  'GET /markets/{marketId}/stalls': { path: `/markets/${market1}/stalls`, allowed: ['manager1', 'admin'] },
  'GET /markets/{marketId}/days/{day}': {
    path: `/markets/${market1}/days/${today}`,
    allowed: ['manager1', 'admin'],
  },
  'GET /markets/{marketId}/days/{day}/ledger.csv': {
    path: `/markets/${market1}/days/${today}/ledger.csv`,
    allowed: ['manager1', 'admin'],
  },
  'GET /markets/{marketId}/fees': { path: `/markets/${market1}/fees`, allowed: ['manager1', 'admin'] },
  'GET /vendors/{vendorId}/review-queue': {
    path: `/vendors/${seedId('vendor', 1)}/review-queue`,
    allowed: ['vendor1', 'manager1', 'admin'],
  },
  'GET /trace/farms/{farmId}/lots': { path: `/trace/farms/${farm1}/lots`, allowed: ['farmer1', 'officer1'] },
  'POST /trace/farms': { path: '/trace/farms', body: farmBody, allowed: ['farmer1', 'officer1'] },
  'POST /trace/farms/{farmId}/lots': {
    path: `/trace/farms/${farm1}/lots`,
    body: { productName: { vi: 'Chè ma trận' }, quantity: 1, unit: 'kg' },
    allowed: ['farmer1', 'officer1'],
  },
  'POST /trace/lots/{lotId}/events': {
    path: `/trace/lots/${lot1}/events`,
    body: { type: 'cooling', time: new Date().toISOString() },
    allowed: ['farmer1', 'officer1'],
  },
  'POST /trace/lots/{lotId}/serials': {
    path: `/trace/lots/${lot1}/serials`,
    body: { count: 1 },
    allowed: ['farmer1', 'officer1'],
  },
  'GET /trace/lots/{lotId}/labels': { path: `/trace/lots/${lot1}/labels`, allowed: ['farmer1', 'officer1'] },
  'PATCH /listings/{id}': { path: `/listings/${listing1}`, body: {}, allowed: ['farmer1'] },
  'POST /listings/{id}/stock': {
    path: `/listings/${listing1}/stock`,
    body: { deltaUnits: 1 },
    allowed: ['farmer1'],
  },
  'POST /listings/{id}/status': {
    path: `/listings/${listing1}/status`,
    body: { status: 'archived' },
    allowed: ['farmer1', 'admin'],
  },
  'GET /listings/{id}/photos': { path: `/listings/${listing1}/photos`, allowed: ['farmer1'] },
  'GET /admin/markets': { path: '/admin/markets', allowed: ['admin'] },
  'POST /admin/markets': {
    path: '/admin/markets',
    body: {
      name: 'Chợ ma trận',
      code: 'MATRAN',
      province: 'Thái Nguyên',
      commune: 'xã La Hiên',
      monthlyStallFeeVnd: 0,
    },
    allowed: ['admin'],
  },
  'GET /admin/markets/{marketId}': { path: `/admin/markets/${market1}`, allowed: ['admin'] },
  'PATCH /admin/markets/{marketId}': {
    path: `/admin/markets/${market1}`,
    body: {
      name: 'Chợ Túc Duyên',
      province: 'Thái Nguyên',
      commune: 'phường Phan Đình Phùng',
      monthlyStallFeeVnd: 300_000,
      version: 0,
    },
    allowed: ['admin'],
  },
  'POST /admin/markets/{marketId}/status': {
    path: `/admin/markets/${market1}/status`,
    body: { status: 'open', version: 99 },
    allowed: ['admin'],
  },
  'POST /admin/markets/{marketId}/zones': {
    path: `/admin/markets/${market1}/zones`,
    body: { name: 'Khu ma trận' },
    allowed: ['admin'],
  },
  'POST /admin/markets/{marketId}/stalls': {
    path: `/admin/markets/${market1}/stalls`,
    body: { zoneId: 'none', number: 'Z99', vendorName: 'Người thử', vendorPhone: '0911 999 000' },
    allowed: ['admin'],
  },
  'GET /admin/people': { path: '/admin/people', allowed: ['admin'] },
  'GET /admin/people/{userId}': { path: `/admin/people/${seedId('vendor', 1)}`, allowed: ['admin'] },
  'POST /admin/people/invitations': {
    path: '/admin/people/invitations',
    body: { phone: '0911 999 001', name: 'Người thử', role: 'market_manager', marketId: market1 },
    allowed: ['admin'],
  },
  'PUT /admin/people/{userId}/grants': {
    path: `/admin/people/${seedId('vendor', 4)}/grants`,
    body: { grants: [{ role: 'vendor' }], version: 99 },
    allowed: ['admin'],
  },
  'POST /admin/people/{userId}/status': {
    path: `/admin/people/${seedId('vendor', 4)}/status`,
    body: { status: 'active', version: 99 },
    allowed: ['admin'],
  },
  'GET /admin/audit': { path: '/admin/audit', allowed: ['admin'] },
  'GET /admin/audit.csv': { path: '/admin/audit.csv', allowed: ['admin'] },
};

/**
 * Routes without a scoped record in the path: they act on the caller's own records (the token's subject:
 * a buyer's orders, a farmer's payout account, a vendor's own stalls and account) or on a review item or
 * order that is checked the same way as the records above (covered by their own suites). Each is named
 * here with the reason, so a new route must be placed on purpose.
 */
const ownRecordsOnly: Record<string, string> = {
  'GET /alerts': 'the seller’s own alerts (alerts.test.ts)',
  'GET /alerts/preferences': 'the seller’s own alert settings (alerts.test.ts)',
  'PUT /alerts/preferences': 'the seller’s own alert settings (alerts.test.ts)',
  'POST /alerts/push-subscriptions': 'the seller’s own browsers',
  'DELETE /alerts/push-subscriptions': 'the seller’s own browsers',
  'GET /me': 'the caller’s own profile',
  'POST /orders': 'a buyer’s own cart',
  'GET /orders': 'the caller’s own orders',
  'GET /orders/{id}': 'buyer, seller or admin of that order (order-authorization.test.ts)',
  'POST /orders/{id}/status': 'buyer or seller of that order (order-authorization.test.ts)',
  'GET /seller/orders': 'the farmer’s own orders',
  'GET /seller/payout-account': 'the farmer’s own account',
  'POST /seller/payout-account/changes': 'the farmer’s own account',
  'POST /seller/payout-account/changes/{changeId}/confirm': 'the farmer’s own pending change',
  'POST /admin/orders/sweep': 'admin only, no scope',
  'POST /admin/open-data/refresh': 'admin only, no scope (console-and-open-data.test.ts)',
  'POST /listings': 'own listing, or onBehalfOf checked below as a declared scope',
  'POST /listings/{id}/photos/uploads': 'same editableListing check as GET /listings/{id}/photos',
  'POST /listings/{id}/photos': 'same editableListing check as GET /listings/{id}/photos',
  'PUT /listings/{id}/photos/order': 'same editableListing check as GET /listings/{id}/photos',
  'DELETE /listings/{id}/photos/{photoId}': 'same editableListing check as GET /listings/{id}/photos',
  'GET /seller/listings': 'the farmer’s own listings',
  'GET /trace/farms': 'the farmer’s own farms',
  'GET /trace/alerts': 'the producer’s own alerts',
  'GET /vendor/stalls': 'the vendor’s own stalls',
  'POST /vendor/till-tickets': 'the vendor’s own till',
  'POST /vendor/payment-account/changes': 'the vendor’s own account',
  'POST /vendor/payment-account/changes/{changeId}/confirm': 'the vendor’s own pending change',
  'GET /vendor/audit': 'the vendor’s own audit',
  'GET /vendor/sales/underpaid': 'the vendor’s own stalls’ sales',
  'GET /sales/{saleCode}/balance':
    'a sale of the vendor’s own stall only (saleBalanceQr checks the stall’s owner)',
  'POST /review-queue/{reviewId}/assign':
    'review item’s vendor or its market’s manager (attribution-and-access.test.ts)',
  'POST /review-queue/{reviewId}/assign-fee': 'fee account’s market manager (fee-review.test.ts)',
  'POST /review-queue/{reviewId}/refund':
    'only the owner of the receiving account; stranger, other manager, buyer, admin refused (refunds.test.ts)',
  'GET /refunds': 'the caller’s own refund cases, or those of the markets a manager holds (refunds.test.ts)',
  'GET /refunds/{refundId}':
    'the case’s owner, admin, the order’s buyer (state only), a stall’s manager; others 404 (refunds.test.ts)',
  'POST /refunds/{refundId}/confirm': 'only the case’s owner, once (refunds.test.ts)',
};

beforeAll(async () => {
  api = await startTestApi();
  for (const name of actorNames) {
    const who = actors[name];
    tokens[name] = who ? await api.tokenFor(who) : undefined;
  }
});
afterAll(async () => {
  await api?.stop();
});

const itemCount = async () =>
  (await api.db.doc.send(new ScanCommand({ TableName: api.db.tableName, Select: 'COUNT' }))).Count ?? 0;

describe('the route table, every role and scope (connected)', () => {
  it('names every protected route: a case here, or a reason it has no scope to cross', () => {
    const unplaced = routes
      .filter((route) => route.auth !== 'public')
      .map((route) => `${route.method} ${route.path}`)
      .filter((key) => !(key in cases) && !(key in ownRecordsOnly));
    expect(unplaced).toEqual([]);
  });

  it.each(Object.entries(cases))(
    '%s: refused for every other role, scope and stranger; allowed for its own',
    async (key, entry) => {
      const method = key.split(' ')[0]!;
      const refused = actorNames.filter((name) => !entry.allowed.includes(name));
      const before = await itemCount();
      for (const name of refused) {
        const response = await api.request(method, entry.path, {
          ...(tokens[name] ? { token: tokens[name] } : {}),
          ...(entry.body !== undefined ? { body: entry.body } : {}),
        });
        expect([401, 403, 404], `${name} → ${response.status} ${response.text.slice(0, 200)}`).toContain(
          response.status,
        );
      }
      expect(await itemCount(), 'a refused request wrote something').toBe(before);
      for (const name of entry.allowed) {
        const response = await api.request(method, entry.path, {
          ...(tokens[name] ? { token: tokens[name] } : {}),
          ...(entry.body !== undefined ? { body: entry.body } : {}),
        });
        expect([401, 403], `${name} → ${response.status} ${response.text.slice(0, 200)}`).not.toContain(
          response.status,
        );
        expect(response.status, `${name} → ${response.text.slice(0, 200)}`).toBeLessThan(500);
      }
    },
  );
});

describe('a scope the caller declares but does not hold (connected)', () => {
  it('a commune officer cannot register a farm for another commune’s household by declaring their own', async () => {
    const before = await itemCount();
    const otherHousehold = await api.request('POST', '/trace/farms', {
      token: tokens.officer1!,
      body: { ...farmBody, ownerId: seedId('farmer', 2) },
    });
    expect(otherHousehold.status).toBe(403);
    expect(otherHousehold.json.error.code).toBe('other_commune');
    const otherPlace = await api.request('POST', '/trace/farms', {
      token: tokens.officer1!,
      body: { ...farmBody, commune: 'xã La Hiên' },
    });
    expect(otherPlace.status).toBe(403);
    expect(otherPlace.json.error).toMatchObject({
      code: 'declared_scope',
      fields: [{ path: 'body.commune' }],
    });
    expect(await itemCount()).toBe(before);
  });

  it('a commune officer cannot list for another commune’s household', async () => {
    const response = await api.request('POST', '/listings', {
      token: tokens.officer2!,
      body: {
        title: { vi: 'Chè thử' },
        description: { vi: 'Chè thử phạm vi' },
        category: 'che-ca-phe',
        baseUnit: 'g',
        stock: 10,
        province: 'Thái Nguyên',
        packs: [{ id: 'goi-100g', label: { vi: 'Gói 100 g' }, size: 100, priceVnd: 50_000 }],
        onBehalfOf: {
          farmerId: seedId('farmer', 1),
          consent: { method: 'in_person', givenAt: new Date().toISOString() },
        },
      },
    });
    expect(response.status, response.text.slice(0, 300)).toBe(403);
    expect(response.json.error.code).toBe('farmer_outside_commune');
  });

  it('a commune officer cannot invite a household into another commune; a manager cannot make managers', async () => {
    const officer = await api.request('POST', '/admin/people/invitations', {
      token: tokens.officer1!,
      body: {
        phone: '0911 999 002',
        name: 'Hộ khác xã',
        role: 'farmer',
        province: 'Thái Nguyên',
        commune: 'xã La Hiên',
      },
    });
    expect(officer.status).toBe(403);
    const manager = await api.request('POST', '/admin/people/invitations', {
      token: tokens.manager1!,
      body: {
        phone: '0911 999 003',
        name: 'Quản lý mới',
        role: 'market_manager',
        marketId: seedId('market', 2),
      },
    });
    expect(manager.status).toBe(403);
  });
});
