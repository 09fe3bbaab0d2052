import { ulid } from 'ulid';
import { assertDeclaredCommune } from '../access/rules.ts';
import { DomainError, notFound } from '../errors/domain-error.ts';
import type { Actor } from '../identity/user.ts';
import { farmWriter } from './authorize.ts';
import { type CreateFarmInput, createFarmInputSchema, type Farm } from './farm.ts';
import type { TraceDeps } from './ports.ts';

const farmNotFound = () => notFound({ vi: 'trang trại', en: 'farm' }, 'farm_not_found');

export async function registerFarm(
  deps: Pick<TraceDeps, 'trace' | 'users' | 'now' | 'newId'>,
  actor: Actor,
  raw: CreateFarmInput,
): Promise<Farm> {
  const input = createFarmInputSchema.parse(raw);
  const ownerId = input.ownerId ?? actor.userId;
  // The household's own commune decides (farmWriter); an officer may not also place the farm outside it.
  const { onBehalfBy } = await farmWriter(deps, actor, { ownerId });
  if (onBehalfBy) assertDeclaredCommune(actor, input);
  const owner = await deps.users.get(ownerId);
  if (!owner?.roles.includes('farmer'))
    throw new DomainError(
      'unprocessable',
      'owner_not_farmer',
      {
        vi: 'Chủ trang trại phải là một hộ sản xuất đã đăng ký.',
        en: 'The farm owner must be a registered farmer.',
      },
      {
        fields: [
          {
            path: 'body.ownerId',
            code: 'owner_not_farmer',
            message: { vi: 'Không phải hộ sản xuất.', en: 'Not a farmer.' },
          },
        ],
      },
    );
  const farm: Farm = {
    ...input,
    id: (deps.newId ?? ulid)(),
    ownerId,
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
    createdBy: actor.userId,
    ...(onBehalfBy ? { onBehalfBy } : {}),
  };
  await deps.trace.createFarm(farm);
  return farm;
}

export async function getFarmOrThrow(deps: Pick<TraceDeps, 'trace'>, farmId: string): Promise<Farm> {
  const farm = await deps.trace.getFarm(farmId);
  if (!farm) throw farmNotFound();
  return farm;
}

export const LIST_LIMIT = 100;

/** The signed-in farmer's own farms. */
export const listMyFarms = (deps: Pick<TraceDeps, 'trace'>, actor: Actor): Promise<Farm[]> =>
  deps.trace.listFarmsByOwner(actor.userId, LIST_LIMIT);

/** A farm's lots, newest first, for its owner or its commune officer. */
export async function listFarmLots(deps: Pick<TraceDeps, 'trace' | 'users'>, actor: Actor, farmId: string) {
  const farm = await getFarmOrThrow(deps, farmId);
  await farmWriter(deps, actor, farm);
  return deps.trace.listLotsByFarm(farmId, LIST_LIMIT);
}

/** Clone warnings raised on the signed-in producer's serials, newest first. */
export const listMyCloneAlerts = (deps: Pick<TraceDeps, 'trace'>, actor: Actor) =>
  deps.trace.listCloneAlerts(actor.userId, LIST_LIMIT);
