import { DomainError, fieldError, forbidden } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Actor } from '../identity/user.ts';
import { foldForSearch } from '../text/fold.ts';
import type { Grant } from './grants.ts';

/**
 * The one model of who may do what, where. Every check takes the place (market, commune, stall owner,
 * household) from the stored record the use-case acts on, and the actor's grants from their stored profile
 * (principal.ts); nothing here reads what a request declares. Pure, so the whole matrix is unit-tested.
 */

/** Commune and province names compare without diacritics, case or spacing ("Xã Tân Cương" = "xa tan cuong"). */
export const samePlace = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.trim() !== '' && foldForSearch(a) === foldForSearch(b);

export interface Place {
  readonly province?: string | undefined;
  readonly commune?: string | undefined;
}

const grantsOf = (actor: Actor): readonly Grant[] => actor.grants ?? [];

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');

/** Manages the market with this id (taken from the stored market or stall), or is an admin. */
export const managesMarketId = (actor: Actor, marketId: string): boolean =>
  isAdmin(actor) ||
  (actor.roles.includes('market_manager') &&
    grantsOf(actor).some((grant) => grant.role === 'market_manager' && grant.marketId === marketId));

/** The markets an actor manages by grant (an admin's "all" is not listed here). */
export const managedMarketIds = (actor: Actor): string[] =>
  actor.roles.includes('market_manager')
    ? grantsOf(actor).flatMap((grant) => (grant.role === 'market_manager' ? [grant.marketId] : []))
    : [];

/** The stall's own vendor (stall.vendorId as stored; a vacant stall has none). */
export const ownsStall = (actor: Actor, stall: { readonly vendorId: string }): boolean =>
  actor.roles.includes('vendor') && stall.vendorId !== '' && stall.vendorId === actor.userId;

/**
 * A family member the stall's vendor brought in: the grant names the stall and the vendor it helps, so it
 * lapses by itself when the stall is vacated or given to another vendor (decision 0820).
 */
export const helpsAtStall = (
  actor: Actor,
  stall: { readonly id: string; readonly vendorId: string },
): boolean =>
  actor.roles.includes('stall_helper') &&
  stall.vendorId !== '' &&
  grantsOf(actor).some(
    (grant) =>
      grant.role === 'stall_helper' && grant.stallId === stall.id && grant.vendorId === stall.vendorId,
  );

/** Makes sales and watches the till at this stall: its vendor, or a helper of that vendor there. */
export const sellsAtStall = (actor: Actor, stall: { readonly id: string; readonly vendorId: string }) =>
  ownsStall(actor, stall) || helpsAtStall(actor, stall);

/** The stalls a helper's grants name (each still to be checked against the stored stall: helpsAtStall). */
export const helpedStallIds = (actor: Actor): string[] =>
  actor.roles.includes('stall_helper')
    ? grantsOf(actor).flatMap((grant) => (grant.role === 'stall_helper' ? [grant.stallId] : []))
    : [];

/** A commune officer of this place (both commune and province must match a grant). */
export const servesCommune = (actor: Actor, place: Place): boolean =>
  actor.roles.includes('commune_officer') &&
  grantsOf(actor).some(
    (grant) =>
      grant.role === 'commune_officer' &&
      samePlace(grant.commune, place.commune) &&
      samePlace(grant.province, place.province),
  );

/** A community digital team member of this place (decision 0820). */
export const helpsInCommune = (actor: Actor, place: Place): boolean =>
  actor.roles.includes('digital_helper') &&
  grantsOf(actor).some(
    (grant) =>
      grant.role === 'digital_helper' &&
      samePlace(grant.commune, place.commune) &&
      samePlace(grant.province, place.province),
  );

/** May create a farming household's account on its behalf here: its commune's officer or digital team. */
export const registersHouseholdsIn = (actor: Actor, place: Place): boolean =>
  servesCommune(actor, place) || helpsInCommune(actor, place);

/** The communes an officer serves, as granted. */
export const servedCommunes = (actor: Actor): Array<{ province: string; commune: string }> =>
  actor.roles.includes('commune_officer')
    ? grantsOf(actor).flatMap((grant) =>
        grant.role === 'commune_officer' ? [{ province: grant.province, commune: grant.commune }] : [],
      )
    : [];

/**
 * How the actor may act for a farming household (its stored profile): as the household itself, or as an
 * officer of the household's own commune. `undefined` means not at all.
 */
export function householdRelation(actor: Actor, household: UserProfile): 'self' | 'officer' | undefined {
  if (!household.roles.includes('farmer')) return undefined;
  if (household.id === actor.userId && actor.roles.includes('farmer')) return 'self';
  if (household.status === 'deactivated' || household.status === 'erased') return undefined;
  // A household that withdrew its consent to be helped is acted for by nobody but itself (decision 0821).
  if (household.onBehalfConsent === 'withdrawn') return undefined;
  return servesCommune(actor, household) ? 'officer' : undefined;
}

export const otherCommune = () =>
  new DomainError('forbidden', 'other_commune', {
    vi: 'Cán bộ xã chỉ được ghi thay cho hộ trong xã mình.',
    en: 'A commune officer may only act for households in their own commune.',
  });

export const otherMarket = () =>
  new DomainError('forbidden', 'other_market', {
    vi: 'Bạn chỉ quản lý được chợ mình phụ trách.',
    en: 'You may only manage the markets you are responsible for.',
  });

/**
 * A place the request declares (a farm's commune, a new market's commune, an invitation's scope) must be
 * one the actor holds; the error names the field that declared it.
 */
export function assertDeclaredCommune(actor: Actor, declared: Place, field = 'body.commune'): void {
  if (isAdmin(actor) || servesCommune(actor, declared)) return;
  throw declaredScope(field);
}

/** A commune the request names that the actor does not hold; the error names the field. */
export const declaredScope = (field: string) =>
  fieldError(
    'forbidden',
    'declared_scope',
    { vi: 'Bạn không phụ trách xã này.', en: 'You are not responsible for this commune.' },
    { path: field, message: { vi: 'Không phải xã bạn phụ trách.', en: 'Not a commune you serve.' } },
  );

export function assertManagesMarket(actor: Actor, marketId: string): void {
  if (!managesMarketId(actor, marketId)) throw otherMarket();
}

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('admin_only');
}
