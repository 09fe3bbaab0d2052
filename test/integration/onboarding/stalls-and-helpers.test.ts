import {
  addStallHelper,
  assignStall,
  checkStandee,
  finishStandeeRound,
  marketOnboarding,
  markStandeesPrinted,
  removeStallHelper,
  sellerStalls,
  stallHelpers,
  standeeRound,
  standeeRounds,
  standeesToPrint,
  startStandeeRound,
  vacateStall,
} from '@chophien/core';
import { marketsStore, userRepository } from '@chophien/db';
import { stallPayload } from '@chophien/vietqr/standee';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedId } from '../../../infra/local/src/seed/ids.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';
import { lastSmsCode } from '../markets/support.ts';
import { actorOf, codeOf, itemCount, onboardingDeps, textsTo } from './support.ts';

/**
 * A manager onboarding vendors in their own market, and a vendor's helper at the stall, on DynamoDB Local
 * through the real API where a route exists (sales, standee, account change): stalls vacated and given by
 * phone, no QR before the vendor confirms an account with the code sent to their phone, standees printed
 * for the stalls that became ready, helpers who sell at one stall and nowhere else.
 */
let api: TestApi;
const market1 = seedId('market', 1);
const stall1 = seedId('stall', 1);
const stall3 = seedId('stall', 3);
const stall4 = seedId('stall', 4);

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const deps = () => onboardingDeps(api.db);

describe('a manager vacates and gives stalls in their own market (connected)', () => {
  it('only the market’s manager or an admin vacates; the stall then pays nobody and its vendor cannot sell', async () => {
    const before = await itemCount(api.db);
    const vendor2 = seedId('vendor', 2);
    for (const [who, code] of [
      [seedId('manager', 2), 'other_market'],
      [vendor2, 'other_market'],
      [seedId('officer', 1), 'other_market'],
    ] as const)
      expect(
        await codeOf(vacateStall(deps(), await actorOf(api.db, who), stall3, { vendorId: vendor2 })),
      ).toBe(code);
    expect(await itemCount(api.db)).toBe(before);

    const manager = await actorOf(api.db, seedId('manager', 1));
    expect(
      await codeOf(vacateStall(deps(), manager, stall3, { vendorId: seedId('vendor', 1) })),
      'the vendor the page showed is not the one holding it',
    ).toBe('stall_changed');
    const vacated = await vacateStall(deps(), manager, stall3, { vendorId: vendor2 });
    expect(vacated).toMatchObject({ vendorId: '', vendorName: '' });
    expect(vacated.accountId).toBeUndefined();
    // Twice is the same as once.
    expect((await vacateStall(deps(), manager, stall3, { vendorId: vendor2 })).vendorId).toBe('');

    const token = await api.tokenFor({ userId: vendor2 });
    const sale = await api.request('POST', `/stalls/${stall3}/sales`, { token, body: { amountVnd: 10_000 } });
    expect(sale.status).toBe(403);
    const standee = await api.request('GET', `/stalls/${stall3}/standee`, {
      token: await api.tokenFor({ userId: seedId('manager', 1) }),
    });
    expect(standee.status).toBe(404);
    // The vendor's other stall is theirs as before; the vacated one is in nobody's list.
    const own = (await marketsStore(api.db).listStallsOfVendor(vendor2)).map((stall) => stall.id);
    expect(own).toEqual([seedId('stall', 2)]);
  });

  it('gives a vacant stall to a new phone: invited, texted, no QR and no standee until the vendor confirms an account', async () => {
    const manager = await actorOf(api.db, seedId('manager', 1));
    const phone = '+84913555001';
    expect(
      await codeOf(
        assignStall(deps(), await actorOf(api.db, seedId('manager', 2)), stall3, {
          vendorName: 'Người khác chợ',
          vendorPhone: phone,
        }),
      ),
    ).toBe('other_market');

    const stall = await assignStall(deps(), manager, stall3, {
      vendorName: 'Mai Thị Hồng',
      vendorPhone: '0913 555 001',
      goods: 'Bánh chưng',
      account: { bin: 'Vietcombank', accountNumber: '0451 0001 2345' },
    });
    expect(stall).toMatchObject({ vendorName: 'Mai Thị Hồng', declaredAccount: { bin: '970436' } });
    expect(stall.accountId).toBeUndefined();
    const vendor = await userRepository(api.db).getByPhone(phone);
    expect(vendor).toMatchObject({ status: 'invited', roles: ['vendor'], grants: [{ role: 'vendor' }] });
    expect(textsTo(phone).at(-1)).toContain('/tai-khoan-nhan-tien');

    // The same form sent twice: nothing more happens; another phone for an occupied stall is refused.
    expect(
      (await assignStall(deps(), manager, stall3, { vendorName: 'Mai Thị Hồng', vendorPhone: phone }))
        .vendorId,
    ).toBe(vendor?.id);
    expect(
      await codeOf(
        assignStall(deps(), manager, stall3, { vendorName: 'Người thứ hai', vendorPhone: '0913555002' }),
      ),
    ).toBe('stall_occupied');

    const view = await marketOnboarding(deps(), manager, market1);
    expect(view.stalls.find((entry) => entry.stall.id === stall3)).toMatchObject({
      stage: 'invited',
      declared: { bin: '970436', masked: '••••2345' },
    });

    // No QR for an account the vendor has not confirmed: selling and the standee both refuse.
    const token = await api.tokenFor({ phone });
    expect(
      (await api.request('POST', `/stalls/${stall3}/sales`, { token, body: { amountVnd: 5000 } })).status,
    ).toBe(404);
    expect((await api.request('GET', `/stalls/${stall3}/standee`, { token })).status).toBe(404);
    const print = await standeesToPrint(deps(), manager, market1, { which: 'all' });
    expect(print.stalls.map((entry) => entry.stall.id)).not.toContain(stall3);
    expect(print.waiting).toBe(1);
    // The demo's stalls had no standee printed through the platform yet: printed now, they leave the list.
    await markStandeesPrinted(deps(), manager, market1, print.stalls);
    expect((await standeesToPrint(deps(), manager, market1, {})).stalls).toEqual([]);

    // The vendor confirms the account with the code sent to their own phone: now the stall has a QR.
    const requested = await api.request('POST', '/vendor/payment-account/changes', {
      token,
      body: { bin: '970436', accountNumber: '045100012345', holderName: 'MAI THI HONG', provider: 'sepay' },
    });
    expect(requested.status, requested.text).toBe(201);
    const confirmed = await api.request(
      'POST',
      `/vendor/payment-account/changes/${requested.json.changeId}/confirm`,
      { token, body: { code: lastSmsCode(vendor?.id ?? '') } },
    );
    expect(confirmed.status, confirmed.text).toBeLessThan(300);
    expect(
      (await api.request('POST', `/stalls/${stall3}/sales`, { token, body: { amountVnd: 5000 } })).status,
    ).toBe(201);

    const due = await standeesToPrint(deps(), manager, market1, {});
    expect(due.stalls.map((entry) => entry.stall.id)).toEqual([stall3]);
    expect(await markStandeesPrinted(deps(), manager, market1, due.stalls)).toBe(1);
    expect((await standeesToPrint(deps(), manager, market1, {})).stalls).toEqual([]);
    const after = await marketOnboarding(deps(), manager, market1);
    expect(after.stalls.find((entry) => entry.stall.id === stall3)?.stage).toBe('ready');
    // A manager of another market prints nothing here.
    expect(
      await codeOf(standeesToPrint(deps(), await actorOf(api.db, seedId('manager', 2)), market1, {})),
    ).toBe('other_market');
  });

  it('a vendor who confirmed an account already has the new stall pay it at once', async () => {
    const manager2 = await actorOf(api.db, seedId('manager', 2));
    const vendor3 = seedId('vendor', 3);
    await vacateStall(deps(), manager2, stall4, { vendorId: vendor3 });
    const account = (await marketsStore(api.db).listAccounts(vendor3)).find(
      (entry) => entry.status === 'active',
    );
    const stall = await assignStall(deps(), manager2, stall4, {
      vendorName: 'ignored: the stored name is kept',
      vendorPhone: '+84987000013',
    });
    expect(stall).toMatchObject({ vendorId: vendor3, vendorName: 'Bùi Thị Thu', accountId: account?.id });
    const view = await marketOnboarding(deps(), manager2, seedId('market', 2));
    expect(view.stalls.find((entry) => entry.stall.id === stall4)?.stage).toBe('standee_due');
  });
});

describe('helpers at the stall (connected)', () => {
  const helperPhone = '+84913666001';

  it('the stall’s vendor adds a helper; nobody else can; asking twice changes nothing', async () => {
    const vendor1 = await actorOf(api.db, seedId('vendor', 1));
    for (const who of [seedId('vendor', 2), seedId('manager', 1), seedId('admin', 1)])
      expect(
        await codeOf(
          addStallHelper(deps(), await actorOf(api.db, who), stall1, {
            name: 'Người lạ',
            phone: helperPhone,
          }),
        ),
      ).toMatch(/forbidden|not_stall_vendor/);
    expect(
      await codeOf(addStallHelper(deps(), vendor1, stall1, { name: 'Chính mình', phone: '0987000011' })),
    ).toBe('helper_is_vendor');

    const { helper, changed } = await addStallHelper(deps(), vendor1, stall1, {
      name: 'Vũ Thị Mơ',
      phone: helperPhone,
    });
    expect(changed).toBe(true);
    expect(helper.grants).toEqual([{ role: 'stall_helper', stallId: stall1, vendorId: seedId('vendor', 1) }]);
    expect(textsTo(helperPhone).at(-1)).toContain('phụ bán hàng ở sạp TD-A01');
    expect(
      (await addStallHelper(deps(), vendor1, stall1, { name: 'Vũ Thị Mơ', phone: helperPhone })).changed,
    ).toBe(false);
    expect((await stallHelpers(deps(), vendor1, stall1)).map((link) => link.helperId)).toContain(helper.id);
  });

  it('a helper sells and sees the day at that stall only, and cannot change accounts or print the standee', async () => {
    const token = await api.tokenFor({ phone: helperPhone });
    const sale = await api.request('POST', `/stalls/${stall1}/sales`, { token, body: { amountVnd: 25_000 } });
    expect(sale.status, sale.text).toBe(201);
    expect((await api.request('GET', `/stalls/${stall1}/day`, { token })).status).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/stalls/${seedId('stall', 2)}/sales`, { amountVnd: 1000 }],
      ['GET', `/stalls/${seedId('stall', 2)}/day`, undefined],
      ['GET', `/stalls/${stall1}/standee`, undefined],
      ['POST', `/stalls/${stall1}/reconciliation`, { csv: 'transaction_id,amount_vnd\n' }],
      [
        'POST',
        '/vendor/payment-account/changes',
        { bin: '970436', accountNumber: '123456789', holderName: 'VU THI MO', provider: 'sepay' },
      ],
      ['GET', '/vendor/stalls', undefined],
    ] as const) {
      const response = await api.request(method, path, { token, ...(body ? { body } : {}) });
      expect([403, 404], `${method} ${path} → ${response.status}`).toContain(response.status);
    }
    const helper = await actorOf(api.db, (await userRepository(api.db).getByPhone(helperPhone))!.id);
    expect((await sellerStalls(marketsStore(api.db), helper)).map((stall) => stall.id)).toEqual([stall1]);
  });

  it('the market’s manager removes a helper; the helper is refused from the next request', async () => {
    const helperId = (await userRepository(api.db).getByPhone(helperPhone))!.id;
    expect(
      await codeOf(removeStallHelper(deps(), await actorOf(api.db, seedId('vendor', 2)), stall1, helperId)),
    ).toBe('forbidden');
    await removeStallHelper(deps(), await actorOf(api.db, seedId('manager', 1)), stall1, helperId);
    const token = await api.tokenFor({ phone: helperPhone });
    expect(
      (await api.request('POST', `/stalls/${stall1}/sales`, { token, body: { amountVnd: 1000 } })).status,
    ).toBe(403);
    expect(
      (await stallHelpers(deps(), await actorOf(api.db, seedId('vendor', 1)), stall1)).map((l) => l.helperId),
    ).not.toContain(helperId);
  });

  it('a helper’s standing lapses when the stall is vacated or given to someone else', async () => {
    const token = await api.tokenFor({ userId: seedId('helper', 1) });
    expect(
      (await api.request('POST', `/stalls/${stall1}/sales`, { token, body: { amountVnd: 1000 } })).status,
    ).toBe(201);
    const manager = await actorOf(api.db, seedId('manager', 1));
    await vacateStall(deps(), manager, stall1, { vendorId: seedId('vendor', 1) });
    await assignStall(deps(), manager, stall1, { vendorName: 'Chủ mới', vendorPhone: '+84913777001' });
    expect(
      (await api.request('POST', `/stalls/${stall1}/sales`, { token, body: { amountVnd: 1000 } })).status,
    ).toBe(403);
    expect(await stallHelpers(deps(), manager, stall1)).toEqual([]);
  });
});

describe('the standee check and a manager’s round (connected)', () => {
  const stall2 = seedId('stall', 2);
  const genuine = stallPayload({ bin: '970405', accountNumber: '3900205678901', stallCode: 'TD-A02' });
  const sticker = stallPayload({ bin: '970422', accountNumber: '8888999900001', stallCode: 'TD-A02' });

  it('the stall’s vendor checks their own standee; a vendor of another stall cannot check it', async () => {
    const vendor2 = await actorOf(api.db, seedId('vendor', 2));
    expect((await checkStandee(deps(), vendor2, { stallId: stall2, payload: genuine })).verdict).toBe('ok');
    expect(
      await codeOf(
        checkStandee(deps(), await actorOf(api.db, seedId('vendor', 3)), {
          stallId: stall2,
          payload: genuine,
        }),
      ),
    ).toBe('forbidden');
  });

  it('a round counts the stalls checked and the mismatches; a pasted sticker is one; only its manager walks it', async () => {
    const manager = await actorOf(api.db, seedId('manager', 1));
    expect(
      await codeOf(startStandeeRound(deps(), await actorOf(api.db, seedId('manager', 2)), market1)),
    ).toBe('other_market');
    const round = await startStandeeRound(deps(), manager, market1);
    const caught = await checkStandee(deps(), manager, {
      stallId: stall2,
      payload: sticker,
      roundId: round.id,
    });
    expect(caught).toMatchObject({
      verdict: 'wrong_account',
      found: { bank: 'MBBank', account: '••••0001' },
      expected: { account: '••••8901' },
    });
    expect(
      await codeOf(
        checkStandee(deps(), await actorOf(api.db, seedId('manager', 2)), {
          stallId: stall2,
          payload: genuine,
          roundId: round.id,
        }),
      ),
    ).toBe('forbidden');
    // A stall of another market cannot be put into this market's round.
    expect(
      await codeOf(
        checkStandee(deps(), await actorOf(api.db, seedId('admin', 1)), {
          stallId: seedId('stall', 5),
          payload: genuine,
          roundId: round.id,
        }),
      ),
    ).toBe('other_market');
    let summary = await standeeRound(deps(), manager, round.id);
    expect(summary).toMatchObject({ checked: 1, mismatches: 1 });
    // The sticker removed and checked again: the stall's latest verdict replaces the first.
    await checkStandee(deps(), manager, { stallId: stall2, payload: genuine, roundId: round.id });
    summary = await finishStandeeRound(deps(), manager, round.id);
    expect(summary).toMatchObject({ checked: 1, mismatches: 0 });
    expect(summary.round.finishedAt).toBeTruthy();
    expect(
      await codeOf(checkStandee(deps(), manager, { stallId: stall2, payload: sticker, roundId: round.id })),
    ).toBe('round_finished');
    expect((await standeeRounds(deps(), manager, market1))[0]?.id).toBe(round.id);
  });
});
