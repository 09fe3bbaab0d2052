import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';
import { type Role, roles } from '../identity/roles.ts';

/**
 * A grant is a role and where it applies. Roles a person holds on their own things (a farmer's farms,
 * a vendor's stalls, a buyer's orders) need no scope: ownership is on the stored record (`farm.ownerId`,
 * `stall.vendorId`). Roles that act for others carry the place they act in: a market manager the market,
 * a commune officer the commune (and its province). An admin acts for the whole deployment.
 * Later roles fit the same shape: a vendor's family helper is `{ role: 'stall_helper', stallId }`, a
 * community digital team member `{ role: 'digital_helper', province, commune }` (docs/decisions/0800).
 */
const id = z.string().trim().min(1).max(40);
const place = {
  province: z.string().trim().min(2, bilingual('Cần chọn tỉnh, thành phố.', 'Choose a province.')).max(60),
  commune: z.string().trim().min(2, bilingual('Cần ghi xã, phường.', 'Enter a commune or ward.')).max(80),
};

export const grantSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('admin') }),
  z.strictObject({ role: z.literal('buyer') }),
  z.strictObject({ role: z.literal('farmer') }),
  z.strictObject({ role: z.literal('vendor') }),
  z.strictObject({ role: z.literal('market_manager'), marketId: id }),
  z.strictObject({ role: z.literal('commune_officer'), ...place }),
]);
export type Grant = z.infer<typeof grantSchema>;
export type ScopedGrant = Extract<Grant, { role: 'market_manager' | 'commune_officer' }>;

/** Roles whose grant names a place; every other role is held on one's own records. */
export const scopedRoles = ['market_manager', 'commune_officer'] as const satisfies readonly Role[];
export const isScoped = (grant: Grant): grant is ScopedGrant =>
  (scopedRoles as readonly Role[]).includes(grant.role);

/** One stable text per grant: the identity of a grant in sets, forms and audit entries. */
export function grantKey(grant: Grant): string {
  switch (grant.role) {
    case 'market_manager':
      return `market_manager:market:${grant.marketId}`;
    case 'commune_officer':
      return `commune_officer:commune:${grant.province}/${grant.commune}`;
    default:
      return grant.role;
  }
}

/** The distinct roles of a set of grants, in the platform's role order. */
export const rolesOf = (grants: readonly Grant[]): Role[] =>
  roles.filter((role) => grants.some((grant) => grant.role === role));

/** Grants without repeats (by `grantKey`), first occurrence kept. */
export function distinctGrants(grants: readonly Grant[]): Grant[] {
  const seen = new Set<string>();
  return grants.filter((grant) => {
    const key = grantKey(grant);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The grants of a stored profile. Profiles written before grants existed carry only `roles` (and, for a
 * commune officer, the profile's own commune): those are read as the grants they always meant. A market
 * manager's market was never on the profile, so such a profile manages nothing until granted again.
 */
export function grantsOfProfile(profile: {
  roles: readonly Role[];
  grants?: readonly Grant[] | undefined;
  province?: string | undefined;
  commune?: string | undefined;
}): Grant[] {
  if (profile.grants) return [...profile.grants];
  const grants: Grant[] = [];
  for (const role of profile.roles) {
    if (role === 'market_manager') continue;
    if (role === 'commune_officer') {
      if (profile.province && profile.commune)
        grants.push({ role, province: profile.province, commune: profile.commune });
      continue;
    }
    grants.push({ role });
  }
  return grants;
}
