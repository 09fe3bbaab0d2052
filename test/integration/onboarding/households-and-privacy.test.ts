import {
  actingHousehold,
  confirmHouseholdConsent,
  consentTextHash,
  currentConsentText,
  eraseMyAccount,
  householdsRegisteredBy,
  myConsents,
  myData,
  registerHouseholdOnPaper,
  requestHouseholdConsent,
  withdrawConsent,
} from '@chophien/core';
import {
  listingRepository,
  marketsStore,
  orderRepository,
  payoutAccountRepository,
  privacyStore,
  traceRepository,
  userRepository,
} from '@chophien/db';
import { photoProcessorFromEnv } from '@chophien/functions/marketplace/photos/sharp-processor';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { actorOf, codeOf, itemCount, lastCodeTo, onboardingDeps, textsTo } from './support.ts';

/**
 * Households set up by a commune officer or digital team member with recorded consent, withdrawn later by
 * the household itself; a person's data downloaded; an account erased while its orders and ledgers stay.
 * DynamoDB Local, the real stores, the API for what the erased person tries next.
 */
let api: TestApi;
const digital = seedId('digital', 1);
const officer1 = seedId('officer', 1);

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const deps = () => onboardingDeps(api.db);
const privacyDeps = () => ({ ...deps(), privacy: privacyStore(api.db) });
const tanCuong = { province: 'Thái Nguyên', commune: 'xã Tân Cương' };

describe('a household’s account made by a helper, with its consent (connected)', () => {
  const phone = '+84914100001';

  it('only a helper of the household’s commune may ask; a farmer already registered is refused', async () => {
    const before = await itemCount(api.db);
    for (const [who, code] of [
      [seedId('officer', 2), 'declared_scope'],
      [seedId('vendor', 1), 'not_a_helper'],
      [seedId('admin', 1), 'not_a_helper'],
    ] as const)
      expect(
        await codeOf(
          requestHouseholdConsent(deps(), await actorOf(api.db, who), {
            name: 'Hộ Lường',
            phone,
            ...tanCuong,
          }),
        ),
      ).toBe(code);
    expect(
      await codeOf(
        requestHouseholdConsent(deps(), await actorOf(api.db, digital), {
          name: 'Nguyễn Văn Thành',
          phone: '+84912000001',
          ...tanCuong,
        }),
      ),
    ).toBe('household_exists');
    expect(await itemCount(api.db)).toBe(before);
    expect(textsTo(phone)).toEqual([]);
  });

  it('the code texted to the household’s phone creates the account with the consent version recorded', async () => {
    const helper = await actorOf(api.db, digital);
    const { requestId } = await requestHouseholdConsent(deps(), helper, {
      name: 'Lường Thị Xuân',
      phone: '0914 100 001',
      ...tanCuong,
    });
    const sms = textsTo(phone).at(-1) ?? '';
    expect(sms).toContain('Lò Thị Duyên xin tạo tài khoản cho hộ Lường Thị Xuân');
    expect(sms).toContain('/du-lieu-ca-nhan/van-ban');
    const code = lastCodeTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await codeOf(confirmHouseholdConsent(deps(), helper, requestId, { code: wrong }))).toBe(
      'invalid_code',
    );
    // Someone else holding the request id gets nowhere, even with the right code.
    expect(
      await codeOf(confirmHouseholdConsent(deps(), await actorOf(api.db, officer1), requestId, { code })),
    ).toBe('request_not_found');

    const household = await confirmHouseholdConsent(deps(), helper, requestId, { code });
    expect(household).toMatchObject({
      phone,
      roles: ['farmer'],
      status: 'invited',
      onBehalfConsent: 'given',
      commune: 'xã Tân Cương',
    });
    expect(textsTo(phone).at(-1)).toContain('/du-lieu-ca-nhan');
    // A code works once.
    expect(await codeOf(confirmHouseholdConsent(deps(), helper, requestId, { code }))).toBe(
      'request_not_found',
    );

    const [consent] = await myConsents(privacyDeps(), await actorOf(api.db, household.id));
    const text = currentConsentText('household_by_helper');
    expect(consent).toMatchObject({
      purpose: 'household_by_helper',
      version: text.version,
      textHash: consentTextHash(text),
      method: 'sms_code',
      recordedBy: digital,
      recordedByName: 'Lò Thị Duyên',
      status: 'given',
      text: { vi: text.vi },
    });
    const listed = await householdsRegisteredBy(deps(), helper);
    expect(listed[0]).toMatchObject({ consent: { id: consent?.id }, household: { name: 'Lường Thị Xuân' } });
    // The commune's officer now works for the household.
    const acting = await actingHousehold(
      { users: userRepository(api.db) },
      await actorOf(api.db, officer1),
      household.id,
    );
    expect(acting.household.id).toBe(household.id);
  });

  it('five wrong codes spend the request', async () => {
    const helper = await actorOf(api.db, officer1);
    const { requestId } = await requestHouseholdConsent(deps(), helper, {
      name: 'Hộ thử mã',
      phone: '+84914100002',
      ...tanCuong,
    });
    const code = lastCodeTo('+84914100002');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect(await codeOf(confirmHouseholdConsent(deps(), helper, requestId, { code: wrong }))).toBe(
        'invalid_code',
      );
    expect(await codeOf(confirmHouseholdConsent(deps(), helper, requestId, { code }))).toBe('invalid_code');
  });

  it('on paper: the photo of the signed consent is kept, re-encoded and small', async () => {
    const photo = await sharp({
      create: { width: 2400, height: 3200, channels: 3, background: { r: 250, g: 250, b: 245 } },
    })
      .jpeg()
      .toBuffer();
    const paperDeps = { ...deps(), images: photoProcessorFromEnv(process.env) };
    const helper = await actorOf(api.db, digital);
    expect(
      await codeOf(
        registerHouseholdOnPaper(
          paperDeps,
          helper,
          { name: 'Hộ giấy', phone: '+84914100003', ...tanCuong },
          new Uint8Array(),
        ),
      ),
    ).toBe('consent_photo_missing');
    expect(
      await codeOf(
        registerHouseholdOnPaper(
          paperDeps,
          helper,
          { name: 'Hộ giấy', phone: '+84914100003', ...tanCuong },
          new TextEncoder().encode('not a photo'),
        ),
      ),
    ).toBe('photo_type');
    const household = await registerHouseholdOnPaper(
      paperDeps,
      helper,
      { name: 'Hộ Giàng A Pó', phone: '+84914100003', ...tanCuong },
      new Uint8Array(photo),
    );
    const [consent] = await privacyStore(api.db).listConsents(household.id);
    expect(consent).toMatchObject({ method: 'signed_paper', hasEvidence: true });
    const evidence = await privacyStore(api.db).getEvidence(household.id, consent!.id);
    expect(evidence?.contentType).toBe('image/jpeg');
    expect(evidence!.bytes.length).toBeLessThan(300_000);
    const meta = await sharp(evidence!.bytes).metadata();
    expect(meta.width).toBe(1200);
    expect(meta.exif).toBeUndefined();
  });

  it('the household withdraws its consent: its officer is refused from then on; withdrawing twice changes nothing', async () => {
    const household = (await userRepository(api.db).getByPhone(phone))!;
    const self = await actorOf(api.db, household.id);
    const [consent] = await myConsents(privacyDeps(), self);
    expect(
      await codeOf(withdrawConsent(privacyDeps(), await actorOf(api.db, officer1), consent!.id)),
      'only the person withdraws their own consent',
    ).toBe('consent_not_found');
    await withdrawConsent(privacyDeps(), self, consent!.id);
    expect((await withdrawConsent(privacyDeps(), self, consent!.id)).status).toBe('withdrawn');
    expect((await userRepository(api.db).get(household.id))?.onBehalfConsent).toBe('withdrawn');
    expect(
      await codeOf(
        actingHousehold({ users: userRepository(api.db) }, await actorOf(api.db, officer1), household.id),
      ),
    ).toBe('other_commune');
    // The record stays, with both moments.
    const [kept] = await myConsents(privacyDeps(), self);
    expect(kept).toMatchObject({ status: 'withdrawn', givenAt: consent?.givenAt });
    expect(kept?.withdrawnAt).toBeTruthy();
  });
});

describe('a person’s data and its erasure (connected)', () => {
  const dataDeps = () => ({
    people: userRepository(api.db),
    privacy: privacyStore(api.db),
    markets: marketsStore(api.db),
    payouts: payoutAccountRepository(api.db),
    listings: listingRepository(api.db),
    trace: traceRepository(api.db),
    orders: orderRepository(api.db),
    clock: { now: () => new Date() },
  });

  it('a farmer downloads their profile, farms, listings and orders; a vendor their stalls and accounts', async () => {
    const farmer = await myData(dataDeps(), await actorOf(api.db, seedId('farmer', 1)));
    expect(farmer.profile).toMatchObject({
      name: 'Nguyễn Văn Thành',
      phone: '+84912000001',
      commune: 'xã Tân Cương',
    });
    expect(farmer.farms.length).toBeGreaterThan(0);
    expect(farmer.listings.length).toBeGreaterThan(0);
    const vendor = await myData(dataDeps(), await actorOf(api.db, seedId('vendor', 1)));
    expect(vendor.stalls.map((stall) => stall.code)).toEqual(['TD-A01']);
    expect(vendor.paymentAccounts[0]).toMatchObject({ accountNumber: '100870001234', status: 'active' });
    expect(JSON.stringify(vendor)).not.toContain('+84912000001');
  });

  it('erasure anonymises the account: no name, no phone, refused everywhere; orders and ledgers stay', async () => {
    const buyerToken = await api.tokenFor({ userId: seedId('buyer', 1) });
    expect((await api.request('GET', '/me', { token: buyerToken })).status).toBe(200);
    const vendor1 = seedId('vendor', 1);
    const erasure = { ...privacyDeps(), markets: marketsStore(api.db), listings: listingRepository(api.db) };
    expect(await codeOf(eraseMyAccount(erasure, await actorOf(api.db, vendor1), { confirm: false }))).toMatch(
      /ZodError|invalid/i,
    );
    expect(
      await codeOf(eraseMyAccount(erasure, await actorOf(api.db, seedId('manager', 1)), { confirm: true })),
    ).toBe('holds_positions');

    const vendorToken = await api.tokenFor({ userId: vendor1 });
    await eraseMyAccount(erasure, await actorOf(api.db, vendor1), { confirm: true });
    const erased = await userRepository(api.db).get(vendor1);
    expect(erased).toMatchObject({ name: 'Người dùng đã xoá', phone: '', roles: [], status: 'erased' });
    expect(await userRepository(api.db).getByPhone('+84987000011')).toBeUndefined();
    expect((await api.request('GET', '/me', { token: vendorToken })).status).toBe(401);
    const stall = await marketsStore(api.db).getStall(seedId('stall', 1));
    expect(stall).toMatchObject({ vendorId: '', vendorName: '' });
    expect(stall?.accountId).toBeUndefined();
    const accounts = await marketsStore(api.db).listAccounts(vendor1);
    expect(accounts.every((account) => account.status === 'retired')).toBe(true);
    // The seeded helper of that stall has nowhere to sell now.
    const helperToken = await api.tokenFor({ userId: seedId('helper', 1) });
    expect(
      (
        await api.request('POST', `/stalls/${seedId('stall', 1)}/sales`, {
          token: helperToken,
          body: { amountVnd: 1000 },
        })
      ).status,
    ).toBe(403);
    // The stall's ledger is kept for the books.
    expect(Array.isArray(await marketsStore(api.db).ledgerOfStall(seedId('stall', 1)))).toBe(true);
  });

  it('a farmer’s listings are taken down and the payout account removed; their orders stay', async () => {
    const farmer2 = seedId('farmer', 2);
    const ordersBefore = await orderRepository(api.db).listByFarmer(farmer2, { limit: 100 });
    const erasure = { ...privacyDeps(), markets: marketsStore(api.db), listings: listingRepository(api.db) };
    await eraseMyAccount(erasure, await actorOf(api.db, farmer2), { confirm: true });
    const listings = await listingRepository(api.db).listByFarmer(farmer2);
    expect(listings.length).toBeGreaterThan(0);
    expect(listings.every((listing) => listing.status === 'archived')).toBe(true);
    expect(await payoutAccountRepository(api.db).get(farmer2)).toBeUndefined();
    expect((await orderRepository(api.db).listByFarmer(farmer2, { limit: 100 })).length).toBe(
      ordersBefore.length,
    );
    // Asked again (a retried form): nothing more to do.
    await eraseMyAccount(erasure, { userId: farmer2, roles: [] }, { confirm: true });
  });
});
