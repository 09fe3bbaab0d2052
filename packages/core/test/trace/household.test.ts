import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Actor, UserProfile } from '../../src/index.ts';
import {
  actingHousehold,
  actorFromProfile,
  addFarmCertification,
  communeHouseholds,
  type Farm,
  farmDesk,
  type HouseholdDirectory,
  lotDesk,
  MAX_CERTIFICATIONS,
  type TraceRepository,
} from '../../src/index.ts';

const person = (
  id: string,
  roles: UserProfile['roles'],
  commune?: string,
  province = 'Thái Nguyên',
): UserProfile => ({
  id,
  phone: `+8491200${id.padStart(4, '0').slice(-4)}`,
  name: `Người ${id}`,
  roles,
  ...(commune ? { commune, province } : {}),
  createdAt: '2026-01-01T00:00:00Z',
});

const people = [
  person('1', ['farmer'], 'xã Tân Cương'),
  person('2', ['farmer'], 'xã La Hiên'),
  person('3', ['commune_officer'], 'Xã Tân  Cương'),
  person('4', ['commune_officer']),
  person('5', ['buyer'], 'xã Tân Cương'),
  person('6', ['farmer'], 'xã Tân Cương'),
];
/** As the token verifier builds it: the stored profile's roles and grants (an officer's commune from the profile). */
const actor = (id: string): Actor =>
  actorFromProfile(
    { userId: id, roles: [] },
    people.find((p) => p.id === id),
  )!;
const users = { get: async (id: string) => people.find((p) => p.id === id) };

const farm: Farm = {
  id: 'F1',
  ownerId: '1',
  householdName: 'Hộ 1',
  province: 'Thái Nguyên',
  commune: 'xã Tân Cương',
  certifications: [],
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: '1',
};

/** Only what these use-cases touch; anything else is a test bug and throws. */
function fakeTrace(certCount = 0) {
  let certs = certCount;
  const added: unknown[] = [];
  const trace = new Proxy(
    {
      getFarm: async (id: string) => (id === farm.id ? farm : undefined),
      listLotsByFarm: async () => [],
      listFarmsByOwner: async () => [farm],
      addCertification: async (_id: string, cert: unknown, max: number) => {
        if (certs >= max) return false;
        certs++;
        added.push(cert);
        return true;
      },
      getLotHistory: async (id: string) =>
        id === 'L1'
          ? {
              lot: { id: 'L1', farmId: 'F1', ownerId: '1', lotCode: 'A', serialCount: 0 },
              events: [],
              version: 0,
            }
          : undefined,
      listSerials: async () => [],
    } as Partial<TraceRepository>,
    {
      get: (target, key) => {
        if (key in target) return target[key as keyof typeof target];
        throw new Error(`unexpected call ${String(key)}`);
      },
    },
  ) as TraceRepository;
  return { trace, added };
}

const directory: HouseholdDirectory = {
  listFarmersInCommune: async () => [people[5]!, people[0]!, people[4]!],
};

describe('which household the desk works for', () => {
  it('a farmer works for themselves and may not name another household', async () => {
    await expect(actingHousehold({ users }, actor('1'), undefined)).resolves.toEqual({
      household: people[0],
    });
    await expect(actingHousehold({ users }, actor('1'), '1')).resolves.toEqual({ household: people[0] });
    await expect(actingHousehold({ users }, actor('1'), '6')).rejects.toMatchObject({ kind: 'forbidden' });
  });

  it('a commune officer works for a farmer of the same commune (names compared without diacritics or spacing)', async () => {
    await expect(actingHousehold({ users }, actor('3'), '1')).resolves.toEqual({
      household: people[0],
      onBehalfBy: '3',
    });
  });

  it('a commune officer is refused another commune, a non-farmer, and an officer without a commune anything', async () => {
    await expect(actingHousehold({ users }, actor('3'), '2')).rejects.toMatchObject({
      code: 'other_commune',
    });
    await expect(actingHousehold({ users }, actor('3'), '5')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(actingHousehold({ users }, actor('4'), '1')).rejects.toMatchObject({
      code: 'other_commune',
    });
  });

  it('someone who is neither farmer nor officer has no desk', async () => {
    await expect(actingHousehold({ users }, actor('5'), undefined)).rejects.toMatchObject({
      kind: 'forbidden',
    });
  });

  it('lists an officer’s households: farmers only, by Vietnamese name order', async () => {
    const list = await communeHouseholds({ users, households: directory }, actor('3'));
    expect(list.map((p) => p.id)).toEqual(['1', '6']);
    await expect(communeHouseholds({ users, households: directory }, actor('1'))).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(communeHouseholds({ users, households: directory }, actor('4'))).rejects.toMatchObject({
      code: 'officer_without_commune',
    });
  });
});

describe('farm and lot reads and certificates follow the write rule', () => {
  it('the owner and the commune officer read the farm and lot; a stranger farmer does not', async () => {
    const { trace } = fakeTrace();
    await expect(farmDesk({ trace, users }, actor('1'), 'F1')).resolves.toMatchObject({ farm: { id: 'F1' } });
    await expect(farmDesk({ trace, users }, actor('3'), 'F1')).resolves.toMatchObject({ lots: [] });
    await expect(farmDesk({ trace, users }, actor('6'), 'F1')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(lotDesk({ trace, users }, actor('2'), 'L1')).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(lotDesk({ trace, users }, actor('1'), 'nope')).rejects.toMatchObject({ kind: 'not_found' });
  });

  const vietgap = { scheme: 'vietgap', number: 'VG-1', issuer: 'Sở NN', validUntil: '2028-06-30' };

  it('adds a valid certificate for the owner or officer; refuses a stranger before writing', async () => {
    const { trace, added } = fakeTrace();
    const updated = await addFarmCertification({ trace, users }, actor('3'), 'F1', vietgap);
    expect(updated.certifications).toEqual([vietgap]);
    await expect(addFarmCertification({ trace, users }, actor('6'), 'F1', vietgap)).rejects.toMatchObject({
      kind: 'forbidden',
    });
    expect(added).toHaveLength(1);
  });

  it('checks the certificate with core’s schema (OCOP needs stars) and refuses an eleventh', async () => {
    const { trace } = fakeTrace(MAX_CERTIFICATIONS);
    await expect(
      addFarmCertification({ trace, users }, actor('1'), 'F1', { ...vietgap, scheme: 'ocop' }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(addFarmCertification({ trace, users }, actor('1'), 'F1', vietgap)).rejects.toMatchObject({
      code: 'too_many_certifications',
    });
  });
});
