import { householdRelation, otherCommune, servedCommunes } from '../access/rules.ts';
import { DomainError, forbidden, notFound } from '../errors/domain-error.ts';
import type { UserProfile } from '../identity/profile.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import { foldForSearch } from '../text/fold.ts';
import { farmWriter } from './authorize.ts';
import { type Certification, certificationInputSchema } from './certification.ts';
import type { TraceEvent } from './event.ts';
import { type Farm, farmSchema } from './farm.ts';
import { getFarmOrThrow, LIST_LIMIT } from './farm-use-cases.ts';
import type { Lot } from './lot.ts';
import { lotNotFound } from './lot-use-cases.ts';
import type { SerialItem, TraceDeps } from './ports.ts';

/**
 * The producer desk's reads: which household the signed-in person works for (themselves, or, for a
 * commune officer, a farmer of their own commune), that household's farms, and a farm's or lot's detail.
 * Every read applies the same owner/officer rule as the writes (farmWriter).
 */

/** Farmers of one commune, found through the users' commune index. */
export interface HouseholdDirectory {
  listFarmersInCommune(province: string, commune: string, limit: number): Promise<UserProfile[]>;
}

/** Compares commune and province names as the write rule does: no diacritics, case or spacing. */
export const communeKey = (province: string, commune: string) =>
  `${foldForSearch(province)}#${foldForSearch(commune)}`;

const householdNotFound = () => notFound({ vi: 'nông hộ', en: 'household' }, 'household_not_found');

/** The households a commune officer serves: the farmers registered in the communes granted to the officer. */
export async function communeHouseholds(
  deps: Pick<TraceDeps, 'users'> & { households: HouseholdDirectory },
  actor: Actor,
): Promise<UserProfile[]> {
  if (!hasRole(actor, 'commune_officer')) throw forbidden('not_an_officer');
  const communes = servedCommunes(actor);
  if (communes.length === 0)
    throw new DomainError('unprocessable', 'officer_without_commune', {
      vi: 'Tài khoản cán bộ chưa được giao xã phụ trách.',
      en: 'No commune has been granted to this officer yet.',
    });
  const lists = await Promise.all(
    communes.map((place) => deps.households.listFarmersInCommune(place.province, place.commune, LIST_LIMIT)),
  );
  return lists
    .flat()
    .filter((household) => householdRelation(actor, household) === 'officer')
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/**
 * The household the actor works for: a farmer always their own; a commune officer the farmer named by
 * `householdId`, who must live in the officer's commune and province.
 */
export async function actingHousehold(
  deps: Pick<TraceDeps, 'users'>,
  actor: Actor,
  householdId: string | undefined,
): Promise<{ household: UserProfile; onBehalfBy?: string }> {
  if (hasRole(actor, 'commune_officer') && householdId && householdId !== actor.userId) {
    const household = await deps.users.get(householdId);
    if (!household?.roles.includes('farmer')) throw householdNotFound();
    if (householdRelation(actor, household) !== 'officer') throw otherCommune();
    return { household, onBehalfBy: actor.userId };
  }
  if (!hasRole(actor, 'farmer')) throw forbidden('not_a_producer');
  if (householdId && householdId !== actor.userId) throw forbidden('not_farm_owner');
  const household = await deps.users.get(actor.userId);
  if (!household) throw householdNotFound();
  return { household };
}

/** The household's farms, for the household or its commune officer. */
export async function listHouseholdFarms(
  deps: Pick<TraceDeps, 'trace' | 'users'>,
  actor: Actor,
  householdId: string | undefined,
): Promise<Farm[]> {
  const { household } = await actingHousehold(deps, actor, householdId);
  return deps.trace.listFarmsByOwner(household.id, LIST_LIMIT);
}

/** One farm and its lots (newest first), for its owner or its commune officer. */
export async function farmDesk(
  deps: Pick<TraceDeps, 'trace' | 'users'>,
  actor: Actor,
  farmId: string,
): Promise<{ farm: Farm; lots: Lot[] }> {
  const farm = await getFarmOrThrow(deps, farmId);
  await farmWriter(deps, actor, farm);
  return { farm, lots: await deps.trace.listLotsByFarm(farmId, LIST_LIMIT) };
}

/** One lot with its farm, events (oldest first) and serials, for the farm's owner or commune officer. */
export async function lotDesk(
  deps: Pick<TraceDeps, 'trace' | 'users'>,
  actor: Actor,
  lotId: string,
): Promise<{ lot: Lot; farm: Farm; events: TraceEvent[]; serials: SerialItem[] }> {
  const history = await deps.trace.getLotHistory(lotId);
  if (!history) throw lotNotFound();
  const farm = await getFarmOrThrow(deps, history.lot.farmId);
  await farmWriter(deps, actor, farm);
  const serials = await deps.trace.listSerials(lotId, 500);
  return { lot: history.lot, farm, events: history.events, serials };
}

export const MAX_CERTIFICATIONS = 10;

/** Adds a certificate (VietGAP, GlobalG.A.P., organic, OCOP) to a farm already registered. */
export async function addFarmCertification(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'products'>,
  actor: Actor,
  farmId: string,
  raw: unknown,
): Promise<Farm> {
  const cert: Certification = certificationInputSchema.parse(raw);
  const farm = await getFarmOrThrow(deps, farmId);
  await farmWriter(deps, actor, farm);
  // A product certificate must name one of this household's own products.
  if (cert.productId) {
    const product = await deps.products?.getById(cert.productId);
    if (!product || product.farmerId !== farm.ownerId) {
      const message = {
        vi: 'Chọn một sản phẩm của chính hộ này.',
        en: 'Choose one of this household’s own products.',
      };
      throw new DomainError('validation', 'certified_product_not_found', message, {
        fields: [{ path: 'productId', code: 'certified_product_not_found', message }],
      });
    }
  }
  if (!(await deps.trace.addCertification(farmId, cert, MAX_CERTIFICATIONS)))
    throw new DomainError('conflict', 'too_many_certifications', {
      vi: `Một trang trại ghi tối đa ${MAX_CERTIFICATIONS} chứng nhận.`,
      en: `A farm holds at most ${MAX_CERTIFICATIONS} certificates.`,
    });
  return farmSchema.parse({ ...farm, certifications: [...farm.certifications, cert] });
}
