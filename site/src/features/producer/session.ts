import {
  type Actor,
  actingHousehold,
  communeHouseholds,
  type DomainError,
  hasRole,
  isDomainError,
  type UserProfile,
} from '@chophien/core';
import type { AstroCookies } from 'astro';
import { type Lang, localizePath } from '../../i18n/index.ts';
import { currentActor, signInHref } from '../auth/session.ts';
import { producerDeps } from './services.ts';

export { currentActor, signInHref };

/** The query parameter naming the household a commune officer works for. */
export const HOUSEHOLD_PARAM = 'ho';

export type Desk =
  | { readonly kind: 'signed-out'; readonly signIn: string }
  | { readonly kind: 'not-producer'; readonly actor: Actor }
  | {
      readonly kind: 'pick-household';
      readonly actor: Actor;
      readonly officer: UserProfile | undefined;
      readonly households: UserProfile[];
    }
  | { readonly kind: 'refused'; readonly actor: Actor; readonly error: DomainError }
  | {
      readonly kind: 'ready';
      readonly actor: Actor;
      readonly household: UserProfile;
      /** Set when a commune officer works for the household. */
      readonly onBehalfBy?: string;
      /** Appends the household to a desk path, so every link and form keeps working for the same one. */
      readonly href: (path: string) => string;
    };

export const isOfficer = (actor: Actor) => hasRole(actor, 'commune_officer');

/** Desk links carry `?ho=` for an officer (the household they picked), nothing for a farmer. */
export const deskHref = (lang: Lang, householdId: string | undefined) => (path: string) => {
  const localized = localizePath(lang, path);
  if (!householdId) return localized;
  const sep = localized.includes('?') ? '&' : '?';
  return `${localized}${sep}${HOUSEHOLD_PARAM}=${encodeURIComponent(householdId)}`;
};

/**
 * Who is at the desk and for which household: the signed-in farmer for themselves, or a commune officer
 * for the household named in `?ho=` (checked against the officer's commune by core), or the officer's
 * list of households when none is named yet.
 */
export async function loadDesk(ctx: { cookies: AstroCookies; url: URL }, lang: Lang): Promise<Desk> {
  const actor = await currentActor(ctx.cookies);
  if (!actor) return { kind: 'signed-out', signIn: signInHref(lang, `${ctx.url.pathname}${ctx.url.search}`) };
  if (!hasRole(actor, 'farmer') && !isOfficer(actor)) return { kind: 'not-producer', actor };
  const deps = producerDeps();
  const householdId = ctx.url.searchParams.get(HOUSEHOLD_PARAM) ?? undefined;
  if (isOfficer(actor) && !householdId && !hasRole(actor, 'farmer')) {
    try {
      const households = await communeHouseholds(deps, actor);
      return { kind: 'pick-household', actor, officer: await deps.users.get(actor.userId), households };
    } catch (error) {
      if (isDomainError(error)) return { kind: 'refused', actor, error };
      throw error;
    }
  }
  try {
    const { household, onBehalfBy } = await actingHousehold(deps, actor, householdId);
    return {
      kind: 'ready',
      actor,
      household,
      ...(onBehalfBy ? { onBehalfBy } : {}),
      href: deskHref(lang, onBehalfBy ? household.id : undefined),
    };
  } catch (error) {
    if (isDomainError(error)) return { kind: 'refused', actor, error };
    throw error;
  }
}

/** HTTP status for a refused desk read: 403 for forbidden, 404 for missing. */
export const refusalStatus = (error: DomainError) =>
  error.kind === 'not_found' ? 404 : error.kind === 'forbidden' ? 403 : 422;

/** The status of a page that shows a gate instead of the desk. */
export const gateStatus = (desk: Exclude<Desk, { kind: 'ready' }>) =>
  desk.kind === 'refused' ? refusalStatus(desk.error) : desk.kind === 'not-producer' ? 403 : 200;

export type ItemDesk<T> =
  | Exclude<Desk, { kind: 'ready' }>
  | (Extract<Desk, { kind: 'ready' }> & { readonly item: T });

/**
 * A desk page about one farm or lot: core's `read` checks the owner/officer rule on the item itself,
 * and the household shown is the item's owner (an officer's links then carry `?ho=` for it).
 */
export async function loadItemDesk<T>(
  ctx: { cookies: AstroCookies; url: URL },
  lang: Lang,
  read: (actor: Actor) => Promise<T>,
  ownerOf: (item: T) => string,
): Promise<ItemDesk<T>> {
  const actor = await currentActor(ctx.cookies);
  if (!actor) return { kind: 'signed-out', signIn: signInHref(lang, `${ctx.url.pathname}${ctx.url.search}`) };
  if (!hasRole(actor, 'farmer') && !isOfficer(actor)) return { kind: 'not-producer', actor };
  try {
    const item = await read(actor);
    const ownerId = ownerOf(item);
    const household = await producerDeps().users.get(ownerId);
    if (!household) throw new Error(`household ${ownerId} has no profile`);
    const onBehalf = ownerId !== actor.userId;
    return {
      kind: 'ready',
      actor,
      item,
      household,
      ...(onBehalf ? { onBehalfBy: actor.userId } : {}),
      href: deskHref(lang, onBehalf ? ownerId : undefined),
    };
  } catch (error) {
    if (isDomainError(error)) return { kind: 'refused', actor, error };
    throw error;
  }
}
