import { describe, expect, it } from 'vitest';
import {
  actorFromProfile,
  grantSchema,
  grantsOfProfile,
  helpsAtStall,
  householdRelation,
  registersHouseholdsIn,
  type Stall,
  sellsAtStall,
  servesCommune,
  stallStage,
} from '../../src/index.ts';
import { actor, profile } from '../support/people.ts';

const stall = (fields: Partial<Stall> = {}): Stall => ({
  id: 'S1',
  marketId: 'M1',
  code: 'TD-A01',
  zone: 'Khu A',
  number: 'A01',
  vendorId: 'v1',
  vendorName: 'Vũ Thị Hạnh',
  goods: '',
  ...fields,
});

const helper = profile('h1', {
  roles: ['stall_helper'],
  grants: [{ role: 'stall_helper', stallId: 'S1', vendorId: 'v1' }],
});
const digital = profile('d1', {
  roles: ['digital_helper'],
  grants: [{ role: 'digital_helper', province: 'Thái Nguyên', commune: 'xã Tân Cương' }],
});
const officer = profile('o1', {
  roles: ['commune_officer'],
  grants: [{ role: 'commune_officer', province: 'Thái Nguyên', commune: 'xã Tân Cương' }],
});
const household = profile('f1', {
  roles: ['farmer'],
  grants: [{ role: 'farmer' }],
  province: 'Thái Nguyên',
  commune: 'xã Tân Cương',
  onBehalfConsent: 'given',
});

describe('a helper at the stall (offline)', () => {
  it('sells at the granted stall for the vendor who holds it, nowhere else', () => {
    expect(helpsAtStall(actor(helper), stall())).toBe(true);
    expect(sellsAtStall(actor(helper), stall())).toBe(true);
    expect(sellsAtStall(actor(helper), stall({ id: 'S2' }))).toBe(false);
  });

  it('the grant lapses when the stall is vacated or held by another vendor', () => {
    expect(sellsAtStall(actor(helper), stall({ vendorId: '' }))).toBe(false);
    expect(sellsAtStall(actor(helper), stall({ vendorId: 'v2' }))).toBe(false);
  });

  it('the role revoked, the grant left behind counts for nothing', () => {
    expect(sellsAtStall({ ...actor(helper), roles: [] }, stall())).toBe(false);
  });

  it('a vacant stall has no owner, whoever asks', () => {
    expect(sellsAtStall({ userId: '', roles: ['vendor'] }, stall({ vendorId: '' }))).toBe(false);
  });

  it('a helper grant must name both the stall and the vendor', () => {
    expect(grantSchema.safeParse({ role: 'stall_helper', stallId: 'S1' }).success).toBe(false);
    expect(grantSchema.safeParse({ role: 'digital_helper', province: 'Huế' }).success).toBe(false);
  });

  it('an older profile listing the role without a grant helps nowhere', () => {
    expect(grantsOfProfile({ roles: ['stall_helper', 'digital_helper'] })).toEqual([]);
  });
});

describe('households through a helper (offline)', () => {
  it('the digital team registers households in its own commune (folded names), not elsewhere', () => {
    expect(registersHouseholdsIn(actor(digital), { province: 'thai nguyen', commune: 'Xã Tân  Cương' })).toBe(
      true,
    );
    expect(registersHouseholdsIn(actor(digital), { province: 'Thái Nguyên', commune: 'xã La Hiên' })).toBe(
      false,
    );
    expect(registersHouseholdsIn(actor(officer), { province: 'Thái Nguyên', commune: 'xã Tân Cương' })).toBe(
      true,
    );
  });

  it('a digital team member is not an officer: serving the commune stays the officer’s', () => {
    expect(servesCommune(actor(digital), household)).toBe(false);
    expect(householdRelation(actor(digital), household)).toBeUndefined();
  });

  it('once the household withdraws its consent, its officer acts for it no more; it still acts for itself', () => {
    expect(householdRelation(actor(officer), household)).toBe('officer');
    const withdrawn = { ...household, onBehalfConsent: 'withdrawn' as const };
    expect(householdRelation(actor(officer), withdrawn)).toBeUndefined();
    expect(householdRelation(actor(withdrawn), withdrawn)).toBe('self');
  });

  it('an erased person acts nowhere and is acted for by nobody', () => {
    const erased = { ...household, status: 'erased' as const };
    expect(actorFromProfile({ userId: 'f1', roles: ['farmer'] }, erased)).toBeUndefined();
    expect(householdRelation(actor(officer), erased)).toBeUndefined();
  });
});

describe('where a stall stands (offline)', () => {
  const active = { id: 'A1', status: 'active' as const };
  it('vacant, invited, awaiting the vendor’s account, standee due, ready', () => {
    expect(stallStage(stall({ vendorId: '' }), undefined, undefined)).toBe('vacant');
    expect(stallStage(stall(), { status: 'invited' }, undefined)).toBe('invited');
    expect(stallStage(stall(), { status: 'active' }, undefined)).toBe('awaiting_account');
    expect(stallStage(stall({ accountId: 'A1' }), { status: 'active' }, active)).toBe('standee_due');
    expect(stallStage(stall({ accountId: 'A1', standeeAccountId: 'A1' }), { status: 'active' }, active)).toBe(
      'ready',
    );
  });

  it('a standee printed for an older account is due again; a retired account is no QR at all', () => {
    expect(
      stallStage(stall({ accountId: 'A2', standeeAccountId: 'A1' }), undefined, {
        id: 'A2',
        status: 'active',
      }),
    ).toBe('standee_due');
    expect(
      stallStage(stall({ accountId: 'A1' }), { status: 'active' }, { id: 'A1', status: 'retired' }),
    ).toBe('awaiting_account');
  });
});
