import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { grantsOfProfile, rolesOf } from './grants.ts';

/**
 * The actor every use-case sees: who the identity provider says signed in (the token's subject), with
 * roles and grants from the platform's stored profile. Cognito locally or on AWS proves *who*; the
 * people table says *what and where*, so a role changed or revoked in the console applies on the next
 * request, not when the token expires. Both identity providers go through here (decision 0800).
 *
 * - no profile: the person signed themselves up and the profile is not written yet (Cognito's trigger):
 *   a buyer at most, whatever the token's groups say: every other role is given, never taken.
 * - deactivated or erased: `undefined`, refused everywhere.
 */
export function actorFromProfile(claims: Actor, profile: UserProfile | undefined): Actor | undefined {
  if (!profile) {
    return { ...claims, roles: claims.roles.filter((role) => role === 'buyer'), grants: [] };
  }
  if (profile.status === 'deactivated' || profile.status === 'erased') return undefined;
  const grants = grantsOfProfile(profile);
  return {
    userId: claims.userId,
    // An older profile (no grants yet) keeps its roles; a scoped one without its place then acts nowhere.
    roles: profile.grants ? rolesOf(grants) : [...profile.roles],
    grants,
    phone: profile.phone,
    name: profile.name,
  };
}
