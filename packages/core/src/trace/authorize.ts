import { DomainError, forbidden } from '../errors/domain-error.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import { foldForSearch } from '../text/fold.ts';
import type { Farm } from './farm.ts';
import type { TraceDeps } from './ports.ts';

/** Commune names compare without diacritics, case or the "xã"/"phường" prefix variations in spacing. */
const samePlace = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && foldForSearch(a) === foldForSearch(b);

/**
 * Who may write a farm's lots and events: its owner, or a commune officer of the farm's own commune and
 * province, who acts on the household's behalf (recorded as `onBehalfBy`). Nobody else, admins included.
 */
export async function farmWriter(
  deps: Pick<TraceDeps, 'users'>,
  actor: Actor,
  farm: Pick<Farm, 'ownerId' | 'province' | 'commune'>,
): Promise<{ onBehalfBy?: string }> {
  if (actor.userId === farm.ownerId && hasRole(actor, 'farmer')) return {};
  if (hasRole(actor, 'commune_officer')) {
    const officer = await deps.users.get(actor.userId);
    if (officer && samePlace(officer.commune, farm.commune) && samePlace(officer.province, farm.province))
      return { onBehalfBy: actor.userId };
    throw new DomainError('forbidden', 'other_commune', {
      vi: 'Cán bộ xã chỉ được ghi thay cho hộ trong xã mình.',
      en: 'A commune officer may only act for households in their own commune.',
    });
  }
  throw forbidden('not_farm_owner');
}
