import { describe, expect, it } from 'vitest';
import {
  actorFromProfile,
  assertDeclaredCommune,
  grantsOfProfile,
  householdRelation,
  managesMarketId,
  ownsStall,
  servesCommune,
} from '../../src/index.ts';
import { actor, profile } from '../support/people.ts';

const manager1 = profile('m1', {
  roles: ['market_manager'],
  grants: [{ role: 'market_manager', marketId: 'M1' }],
});
const officerTanCuong = profile('o1', {
  roles: ['commune_officer'],
  grants: [{ role: 'commune_officer', province: 'Thái Nguyên', commune: 'xã Tân Cương' }],
});
const admin = profile('a1', { roles: ['admin'], grants: [{ role: 'admin' }] });
const vendor = profile('v1', { roles: ['vendor'], grants: [{ role: 'vendor' }] });
const farmerTanCuong = profile('f1', {
  roles: ['farmer'],
  province: 'Thái Nguyên',
  commune: 'Xã  Tân Cương',
});
const farmerLaHien = profile('f2', { roles: ['farmer'], province: 'Thái Nguyên', commune: 'xã La Hiên' });

describe('actor from the stored profile (offline)', () => {
  it('takes roles and grants from the profile, not from the token', () => {
    const claimsAdmin = actorFromProfile({ userId: 'v1', roles: ['admin', 'vendor'] }, vendor);
    expect(claimsAdmin).toMatchObject({ roles: ['vendor'], grants: [{ role: 'vendor' }] });
  });

  it('a person without a profile is at most a buyer', () => {
    expect(actorFromProfile({ userId: 'x', roles: ['admin', 'buyer'] }, undefined)?.roles).toEqual(['buyer']);
    expect(actorFromProfile({ userId: 'x', roles: ['market_manager'] }, undefined)?.roles).toEqual([]);
  });

  it('a deactivated person is refused', () => {
    expect(
      actorFromProfile({ userId: 'v1', roles: ['vendor'] }, { ...vendor, status: 'deactivated' }),
    ).toBeUndefined();
  });

  it('reads older profiles: an officer’s commune from the profile, a manager with no market manages none', () => {
    expect(
      grantsOfProfile({ roles: ['commune_officer'], province: 'Huế', commune: 'phường Thuận Hóa' }),
    ).toEqual([{ role: 'commune_officer', province: 'Huế', commune: 'phường Thuận Hóa' }]);
    const oldManager = actor(profile('m9', { roles: ['market_manager'] }));
    expect(oldManager.roles).toEqual(['market_manager']);
    expect(managesMarketId(oldManager, 'M1')).toBe(false);
  });
});

describe('the access rules (offline)', () => {
  it('a manager manages the granted market only; an admin every market', () => {
    expect(managesMarketId(actor(manager1), 'M1')).toBe(true);
    expect(managesMarketId(actor(manager1), 'M2')).toBe(false);
    expect(managesMarketId(actor(admin), 'M2')).toBe(true);
    expect(managesMarketId(actor(vendor), 'M1')).toBe(false);
  });

  it('a manager whose role was revoked keeps no market, even with the grant left behind', () => {
    const revoked = { ...actor(manager1), roles: [] };
    expect(managesMarketId(revoked, 'M1')).toBe(false);
  });

  it('a stall belongs to its stored vendor', () => {
    expect(ownsStall(actor(vendor), { vendorId: 'v1' })).toBe(true);
    expect(ownsStall(actor(vendor), { vendorId: 'v2' })).toBe(false);
    expect(ownsStall(actor(manager1), { vendorId: 'm1' })).toBe(false);
  });

  it('an officer acts for households of the granted commune, compared without diacritics or spacing', () => {
    expect(householdRelation(actor(officerTanCuong), farmerTanCuong)).toBe('officer');
    expect(householdRelation(actor(officerTanCuong), farmerLaHien)).toBeUndefined();
    expect(householdRelation(actor(farmerTanCuong), farmerTanCuong)).toBe('self');
    expect(householdRelation(actor(farmerLaHien), farmerTanCuong)).toBeUndefined();
    expect(householdRelation(actor(admin), farmerTanCuong)).toBeUndefined();
  });

  it('the same commune name in another province is another commune', () => {
    expect(servesCommune(actor(officerTanCuong), { province: 'Thanh Hóa', commune: 'xã Tân Cương' })).toBe(
      false,
    );
  });

  it('a declared commune must be one the actor serves (the error names the field)', () => {
    expect(() =>
      assertDeclaredCommune(actor(officerTanCuong), { province: 'Thái Nguyên', commune: 'xã Tân Cương' }),
    ).not.toThrow();
    try {
      assertDeclaredCommune(actor(officerTanCuong), { province: 'Thái Nguyên', commune: 'xã La Hiên' });
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        kind: 'forbidden',
        code: 'declared_scope',
        fields: [{ path: 'body.commune' }],
      });
    }
    expect(() =>
      assertDeclaredCommune(actor(admin), { province: 'Huế', commune: 'phường Thuận Hóa' }),
    ).not.toThrow();
  });
});
