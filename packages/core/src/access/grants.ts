import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';
import { type Role, roles } from '../identity/roles.ts';

/**
 * A grant is a role and where it applies. Roles a person holds on their own things (a farmer's farms,
 * a vendor's stalls, a buyer's orders) need no scope: ownership is on the stored record (`farm.ownerId`,
 * `stall.vendorId`). Roles that act for others carry the place they act in: a market manager the market,
 * a commune officer the commune (and its province). An admin acts for the whole deployment.
 * A vendor's family helper acts at one stall *for the vendor who holds it* (`{ role: 'stall_helper', stallId,
 * vendorId }`: the grant lapses by itself when the stall is vacated or given to someone else); a community
 * digital team member acts in a commune like an officer (`{ role: 'digital_helper', province, commune }`).
 * Decisions 0800 and 0820.
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
  z.strictObject({ role: z.literal('stall_helper'), stallId: id, vendorId: id }),
  z.strictObject({ role: z.literal('digital_helper'), ...place }),
]);
export type Grant = z.infer<typeof grantSchema>;
export type ScopedGrant = Extract<
  Grant,
  { role: 'market_manager' | 'commune_officer' | 'stall_helper' | 'digital_helper' }
>;

/** Roles whose grant names a place; every other role is held on one's own records. */
export const scopedRoles = [
  'market_manager',
  'commune_officer',
  'stall_helper',
  'digital_helper',
] as const satisfies readonly Role[];
export const isScoped = (grant: Grant): grant is ScopedGrant =>
  (scopedRoles as readonly Role[]).includes(grant.role);

/** One stable text per grant: the identity of a grant in sets, forms and audit entries. */
export function grantKey(grant: Grant): string {
  switch (grant.role) {
    case 'market_manager':
      return `market_manager:market:${grant.marketId}`;
    case 'commune_officer':
      return `commune_officer:commune:${grant.province}/${grant.commune}`;
    case 'stall_helper':
      return `stall_helper:stall:${grant.stallId}:vendor:${grant.vendorId}`;
    case 'digital_helper':
      return `digital_helper:commune:${grant.province}/${grant.commune}`;
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
    // Scoped roles whose place was never on an older profile: nothing until granted again.
    if (role === 'market_manager' || role === 'stall_helper' || role === 'digital_helper') continue;
    if (role === 'commune_officer') {
      if (profile.province && profile.commune)
        grants.push({ role, province: profile.province, commune: profile.commune });
      continue;
    }
    grants.push({ role });
  }
  return grants;
}
