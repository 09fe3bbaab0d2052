import type { Farm, Lot, TraceEvent, TraceEventData } from '@chophien/core';
import { type Db, listingRepository, traceRepository } from '@chophien/db';
import { seedId } from './ids.ts';
import type { SeedSet } from './index.ts';
import { seedProducts, seedTeaGtin } from './products.ts';
import { farmers, staff } from './users.ts';

const CREATED = '2026-10-01T02:00:00.000Z';
const officer = staff.find((user) => user.roles.includes('commune_officer'))!;

export { seedTeaGtin } from './products.ts';

const farmer = (n: number) => farmers[n - 1]!;

type FarmSeed = Omit<
  Farm,
  'id' | 'ownerId' | 'createdAt' | 'createdBy' | 'province' | 'commune' | 'householdName'
>;

const farmSeeds: Array<[n: number, seed: FarmSeed]> = [
  [
    1,
    {
      gps: { lat: 21.5895, lng: 105.7745 },
      plantingAreaCode: 'VN-TNOR-0012',
      certifications: [
        {
          scheme: 'vietgap',
          number: 'VietGAP-TT-15-07-19-0042',
          issuer: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
          validUntil: '2027-08-31',
          issuedOn: '2024-09-01',
        },
        // Lapsed and not renewed: shown on the tea's trace page as expired.
        {
          scheme: 'globalgap',
          number: 'GGN-4063061870011',
          issuer: 'Control Union Vietnam',
          validUntil: '2026-05-31',
        },
        {
          scheme: 'ocop',
          number: 'OCOP-TN-2024-118',
          // OCOP certifies one product (decision 0612), not the farm.
          productId: seedId('prod', 1),
          issuer: 'UBND tỉnh Thái Nguyên',
          validUntil: '2027-12-31',
          stars: 4,
          score: 78,
        },
      ],
    },
  ],
  [
    2,
    {
      gps: { lat: 21.7358, lng: 105.9316 },
      plantingAreaCode: 'VN-TNOR-0031',
      certifications: [
        // Lapsed in the spring: the trace page must show it as expired, not hide it.
        {
          scheme: 'vietgap',
          number: 'VietGAP-TT-19-03-0107',
          issuer: 'Chi cục Trồng trọt và BVTV Thái Nguyên',
          validUntil: '2026-03-31',
          issuedOn: '2023-04-01',
        },
      ],
    },
  ],
  [
    3,
    {
      plantingAreaCode: 'TN-DH-BT-021',
      certifications: [
        {
          scheme: 'organic',
          number: 'TCVN11041-2024-0093',
          issuer: 'Trung tâm Chứng nhận Phù hợp (QUACERT)',
          validUntil: '2027-05-15',
        },
      ],
    },
  ],
  [
    4,
    {
      plantingAreaCode: 'VN-THOR-0007',
      certifications: [
        {
          scheme: 'ocop',
          number: 'OCOP-TH-2023-052',
          // OCOP certifies one product (decision 0612), not the farm.
          productId: seedId('prod', 11),
          issuer: 'UBND tỉnh Thanh Hóa',
          validUntil: '2026-12-31',
          stars: 3,
          score: 62,
        },
      ],
    },
  ],
  [
    5,
    {
      gps: { lat: 20.9006, lng: 106.4283 },
      plantingAreaCode: 'VN-HDOR-0105',
      packingHouseCode: 'VN-HDPH-0003',
      certifications: [
        {
          scheme: 'globalgap',
          number: 'GGN-4063061891234',
          issuer: 'Control Union Vietnam',
          validUntil: '2027-04-30',
        },
        {
          scheme: 'vietgap',
          number: 'VietGAP-TT-20-05-30-0218',
          issuer: 'Chi cục Trồng trọt và BVTV Hải Dương',
          validUntil: '2027-06-30',
        },
        {
          scheme: 'ocop',
          number: 'OCOP-HD-2022-009',
          // OCOP certifies one product (decision 0612), not the farm.
          productId: seedId('prod', 13),
          issuer: 'UBND tỉnh Hải Dương',
          validUntil: '2026-12-31',
          stars: 4,
          score: 81,
        },
      ],
    },
  ],
  [
    6,
    {
      certifications: [
        {
          scheme: 'vietgap',
          number: 'VietGAP-TT-21-11-0330',
          issuer: 'Chi cục Trồng trọt và BVTV Hải Dương',
          validUntil: '2027-02-28',
        },
      ],
    },
  ],
];

export const seedFarmId = (n: number) => seedId('farm', n);
export const seedLotId = (n: number) => seedId('lot', n);
/** Serials of the seeded tea lot: fixed, so their signed URIs are the same on every machine with the same secret. */
export const seedTeaSerials = [
  'TC0000000001',
  'TC0000000002',
  'TC0000000003',
  'TC0000000004',
  'TC0000000005',
];

const seedFarms: Farm[] = farmSeeds.map(([n, seed]) => ({
  ...seed,
  id: seedFarmId(n),
  ownerId: farmer(n).id,
  householdName: `Hộ ${farmer(n).name}`,
  province: farmer(n).province!,
  commune: farmer(n).commune!,
  createdAt: CREATED,
  createdBy: n === 1 ? officer.id : farmer(n).id,
  ...(n === 1 ? { onBehalfBy: officer.id } : {}),
}));

const productId = (title: string) => seedProducts.find((product) => product.title.vi === title)?.id;

const teaProduct = productId('Chè Thái Nguyên búp Tân Cương');
const lycheeProduct = productId('Vải thiều Thanh Hà');

export const seedLots: Lot[] = [
  {
    id: seedLotId(1),
    lotCode: 'TC261020-A',
    farmId: seedFarmId(1),
    ownerId: farmer(1).id,
    ...(teaProduct ? { productId: teaProduct } : {}),
    productName: { vi: 'Chè Thái Nguyên búp Tân Cương', en: 'Tan Cuong Thai Nguyen bud tea' },
    gtin: seedTeaGtin,
    quantity: 120,
    unit: 'kg',
    harvestDate: '2026-10-20',
    packDate: '2026-10-22',
    bestBefore: '2027-10-22',
    serialCount: 0,
    createdAt: '2026-10-20T10:00:00.000Z',
    createdBy: farmer(1).id,
  },
  {
    id: seedLotId(2),
    lotCode: 'VTH260612-B7',
    farmId: seedFarmId(5),
    ownerId: farmer(5).id,
    ...(lycheeProduct ? { productId: lycheeProduct } : {}),
    productName: { vi: 'Vải thiều Thanh Hà', en: 'Thanh Ha lychee' },
    quantity: 850,
    unit: 'kg',
    harvestDate: '2026-06-12',
    packDate: '2026-06-12',
    serialCount: 0,
    createdAt: '2026-06-12T00:00:00.000Z',
    createdBy: farmer(5).id,
  },
];

type EventSeed = TraceEventData & { viaOfficer?: true };
const eventSeeds: Array<[lot: number, events: EventSeed[]]> = [
  [
    1,
    [
      {
        type: 'input',
        time: '2026-09-25T01:00:00.000Z',
        input: { kind: 'fertiliser', name: 'Phân hữu cơ vi sinh Sông Gianh', dose: '1,5 tấn/ha' },
      },
      {
        type: 'input',
        time: '2026-10-05T00:30:00.000Z',
        input: {
          kind: 'pesticide',
          name: 'Emamectin benzoate 5% (Tasieu 5WG)',
          dose: '0,3 kg/ha',
          preHarvestIntervalDays: 7,
        },
        viaOfficer: true,
      },
      {
        type: 'harvesting',
        time: '2026-10-20T00:30:00.000Z',
        quantity: 120,
        unit: 'kg',
        note: 'Hái tay một tôm hai lá',
      },
      {
        type: 'packing',
        time: '2026-10-22T02:00:00.000Z',
        quantity: 240,
        unit: 'bag',
        location: 'Xưởng sao chè hộ Nguyễn Văn Thành, xã Tân Cương',
        note: 'Sao chảo gang, túi 500 g hút chân không',
      },
      {
        type: 'shipping',
        time: '2026-10-23T00:00:00.000Z',
        to: 'Chợ Thái Nguyên (chợ 4.0), phường Phan Đình Phùng',
      },
      { type: 'receiving', time: '2026-10-23T01:30:00.000Z', by: 'Quầy chè Vũ Thị Hạnh, chợ Thái Nguyên' },
    ],
  ],
  [
    2,
    [
      {
        type: 'input',
        time: '2026-04-10T23:00:00.000Z',
        input: { kind: 'fertiliser', name: 'Phân NPK 12-5-10 Lâm Thao', dose: '2 kg/cây' },
      },
      {
        type: 'input',
        time: '2026-05-20T22:30:00.000Z',
        input: { kind: 'pesticide', name: 'Abamectin 3.6EC', dose: '0,5 l/ha', preHarvestIntervalDays: 14 },
      },
      {
        type: 'harvesting',
        time: '2026-06-11T22:30:00.000Z',
        quantity: 850,
        unit: 'kg',
        note: 'Hái sáng sớm, cắt cả chùm',
      },
      {
        type: 'cooling',
        time: '2026-06-12T02:00:00.000Z',
        temperatureC: 4,
        location: 'Kho lạnh HTX vải thiều Thanh Hà',
      },
      {
        type: 'packing',
        time: '2026-06-12T05:00:00.000Z',
        quantity: 170,
        unit: 'box',
        location: 'Cơ sở đóng gói VN-HDPH-0003, xã Thanh Hà',
      },
      { type: 'shipping', time: '2026-06-12T10:00:00.000Z', to: 'Chợ đầu mối Long Biên, Hà Nội' },
      { type: 'receiving', time: '2026-06-12T13:30:00.000Z', by: 'Chợ đầu mối Long Biên, Hà Nội' },
    ],
  ],
];

async function applyTrace(db: Db): Promise<number> {
  const repo = traceRepository(db);
  let items = 0;
  for (const farm of seedFarms) {
    if (!(await repo.getFarm(farm.id))) {
      await repo.createFarm(farm);
      items++;
    }
  }
  // The seeded listings' GTINs are their producers' (decision 0902): claimed before any lot uses one.
  for (const product of seedProducts)
    if (product.gtin && (await listingRepository(db).claimGtin(product.gtin, product.farmerId, product.id)))
      items++;
  for (const lot of seedLots) if (await repo.createLot(lot)) items += 2;
  for (const [lotNumber, events] of eventSeeds) {
    const lotId = seedLotId(lotNumber);
    const history = await repo.getLotHistory(lotId);
    // Events already there mean an earlier run finished this lot.
    if (!history || history.events.length > 0) continue;
    let version = history.version;
    for (const [i, { viaOfficer, ...data }] of events.entries()) {
      const lot = seedLots[lotNumber - 1]!;
      const event = {
        ...data,
        id: seedId(`ev${lotNumber}`, i + 1),
        lotId,
        recordedAt: data.time,
        recordedBy: viaOfficer ? officer.id : lot.ownerId,
        ...(viaOfficer ? { onBehalfBy: officer.id } : {}),
      } as TraceEvent;
      if (await repo.appendEvent(event, version)) {
        version++;
        items++;
      }
    }
  }
  const tea = await repo.getLot(seedLotId(1));
  if (tea && tea.serialCount === 0 && (await repo.addSerials(tea.id, seedTeaSerials, 0, CREATED)))
    items += seedTeaSerials.length;
  return items;
}

/** Owned by the traceability area; each set runs once per data dir (see ./index.ts). */
export const traceSeedSets: SeedSet[] = [{ name: 'trace-v1', apply: applyTrace }];
