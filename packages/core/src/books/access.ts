/**
 * Whose book may a person read: a household its own (a vendor's stalls, a farmer's orders), and a commune
 * officer a farming household of their own commune (the producer desk's rule, trace/household.ts). Nobody
 * else: managers and the province see aggregates only (aggregates.ts). One place for the rule.
 */
import { DomainError, forbidden, notFound } from '../errors/domain-error.ts';
import type { UserProfile, UserRepository } from '../identity/profile.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import { actingHousehold } from '../trace/household.ts';

export async function readableHousehold(
  deps: { users: UserRepository },
  actor: Actor,
  householdId: string | undefined,
): Promise<{ household: UserProfile; onBehalfBy?: string }> {
  if (householdId && householdId !== actor.userId) {
    if (!hasRole(actor, 'commune_officer')) throw forbidden('not_your_book');
    return actingHousehold(deps, actor, householdId);
  }
  if (!hasRole(actor, 'farmer', 'vendor')) throw forbidden('not_a_household');
  const household = await deps.users.get(actor.userId);
  if (!household) throw notFound({ vi: 'hộ kinh doanh', en: 'household' }, 'household_not_found');
  return { household };
}

export const periodTooLong = () =>
  new DomainError('validation', 'period_too_long', {
    vi: 'Sổ chỉ lập theo tháng, quý, nửa năm hoặc năm.',
    en: 'A book covers a month, quarter, half-year or year.',
  });
