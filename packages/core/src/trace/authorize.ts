import { householdRelation, otherCommune } from '../access/rules.ts';
import { forbidden } from '../errors/domain-error.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import type { Farm } from './farm.ts';
import type { TraceDeps } from './ports.ts';

/**
 * Who may write a farm's lots and events: its owner, or a commune officer of the owner's commune as the
 * household's stored profile records it (not the farm's declared address, not what a request says),
 * acting on the household's behalf (recorded as `onBehalfBy`). Nobody else, admins included.
 */
export async function farmWriter(
  deps: Pick<TraceDeps, 'users'>,
  actor: Actor,
  farm: Pick<Farm, 'ownerId'>,
): Promise<{ onBehalfBy?: string }> {
  if (actor.userId === farm.ownerId && hasRole(actor, 'farmer')) return {};
  if (hasRole(actor, 'commune_officer')) {
    const household = await deps.users.get(farm.ownerId);
    if (household && householdRelation(actor, household) === 'officer') return { onBehalfBy: actor.userId };
    throw otherCommune();
  }
  throw forbidden('not_farm_owner');
}
