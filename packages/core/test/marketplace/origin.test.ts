import { gtinCheckDigit } from '@chophien/gs1';
import { describe, expect, it } from 'vitest';
import { listingOrigin } from '../../src/marketplace/origin.ts';
import type { Farm } from '../../src/trace/farm.ts';
import type { Lot } from '../../src/trace/lot.ts';

const GTIN = `0893800012345${gtinCheckDigit('0893800012345')}`;

const farm: Farm = {
  id: 'farm-1',
  ownerId: 'farmer-1',
  householdName: 'Hộ Nguyễn Văn Thành',
  province: 'Thái Nguyên',
  commune: 'xã Tân Cương',
  plantingAreaCode: 'VN-TNOR-0012',
  certifications: [
    { scheme: 'vietgap', number: 'V-1', issuer: 'QUACERT', validUntil: '2027-08-31' },
    { scheme: 'globalgap', number: 'G-1', issuer: 'CU', validUntil: '2026-05-31' },
    // Awarded to the tea only (another product of the same farm must not show it).
    { scheme: 'ocop', number: 'O-1', issuer: 'UBND', validUntil: '2027-12-31', stars: 4, productId: 'tea' },
    // An OCOP naming no product certifies nothing a buyer can see.
    { scheme: 'ocop', number: 'O-0', issuer: 'UBND', validUntil: '2027-12-31', stars: 3 },
  ],
  createdAt: '2026-01-01T00:00:00Z',
  createdBy: 'farmer-1',
};
const lot = (id: string, ownerId: string, extra: Partial<Lot> = {}): Lot => ({
  id,
  lotCode: `LOT-${id}`,
  farmId: 'farm-1',
  ownerId,
  productName: { vi: 'Chè' },
  quantity: 10,
  unit: 'kg',
  serialCount: 0,
  createdAt: '2026-10-20T00:00:00Z',
  createdBy: ownerId,
  ...extra,
});

const trace = (lots: Lot[], harvestTime?: string) => ({
  getLotHistory: async (id: string) => {
    const found = lots.find((l) => l.id === id);
    const events = harvestTime ? [{ type: 'harvesting', time: harvestTime }] : [];
    return found ? ({ lot: found, events, version: 0 } as never) : undefined;
  },
  getFarm: async (id: string) => (id === farm.id ? farm : undefined),
});

describe('listing origin (product page "Nguồn gốc")', () => {
  it('farm, place, area code, certifications valid/expired, harvest day and the lot trace link', async () => {
    const origins = await listingOrigin(
      {
        trace: trace([lot('1', 'farmer-1', { gtin: GTIN, harvestDate: '2026-10-20' })]),
        now: () => new Date('2026-11-01T00:00:00Z'),
      },
      { id: 'tea', farmerId: 'farmer-1', lotIds: ['1'] },
    );
    expect(origins).toEqual([
      expect.objectContaining({
        farmName: 'Hộ Nguyễn Văn Thành',
        commune: 'xã Tân Cương',
        province: 'Thái Nguyên',
        plantingAreaCode: 'VN-TNOR-0012',
        harvestDate: '2026-10-20',
        tracePath: `/truy-xuat/01/${GTIN}/10/LOT-1`,
      }),
    ]);
    expect(origins[0]!.certifications.map((c) => [c.scheme, c.status])).toEqual([
      ['vietgap', 'valid'],
      ['globalgap', 'expired'],
      ['ocop', 'valid'],
    ]);
  });

  it('a product certificate (OCOP) shows only on the product it was awarded to', async () => {
    const origins = await listingOrigin(
      { trace: trace([lot('1', 'farmer-1')]), now: () => new Date('2026-11-01T00:00:00Z') },
      { id: 'honey', farmerId: 'farmer-1', lotIds: ['1'] },
    );
    expect(origins[0]!.certifications.map((c) => c.scheme)).toEqual(['vietgap', 'globalgap']);
  });

  it('harvest day from the harvesting event in Vietnam time; another farmer’s or a missing lot is skipped', async () => {
    const origins = await listingOrigin(
      { trace: trace([lot('1', 'farmer-1'), lot('2', 'farmer-9')], '2026-10-19T18:30:00.000Z') },
      { id: 'tea', farmerId: 'farmer-1', lotIds: ['1', '2', 'missing'] },
    );
    expect(origins.map((o) => [o.lotId, o.harvestDate, o.tracePath])).toEqual([
      ['1', '2026-10-20', '/truy-xuat/l/LOT-1'],
    ]);
  });
});
