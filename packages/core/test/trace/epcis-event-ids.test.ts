import { epcisEventHashId, legacyEventId } from '@chophien/gs1';
import { describe, expect, it } from 'vitest';
import {
  type Farm,
  type Lot,
  lotEpcisDocument,
  newEpcisEventId,
  type TraceEvent,
} from '../../src/trace/index.ts';

const farm: Farm = {
  id: 'F1',
  ownerId: 'U1',
  householdName: 'Hộ Phạm Văn Hùng',
  province: 'Hải Phòng',
  commune: 'xã Thanh Hà',
  plantingAreaCode: 'VN-HDOR-0105',
  certifications: [],
  createdAt: '2026-06-01T00:00:00.000Z',
  createdBy: 'U1',
};
const lot: Lot = {
  id: 'L1',
  lotCode: 'VTH260612-B7',
  farmId: 'F1',
  ownerId: 'U1',
  productName: { vi: 'Vải thiều Thanh Hà' },
  quantity: 850,
  unit: 'kg',
  harvestDate: '2026-06-12',
  serialCount: 0,
  createdAt: '2026-06-12T00:00:00.000Z',
  createdBy: 'U1',
};
const resolver = 'https://truyxuat.chophien.vn';
const harvest = {
  id: 'E1',
  lotId: 'L1',
  type: 'harvesting',
  time: '2026-06-11T22:30:00.000Z',
  quantity: 850,
  unit: 'kg',
  recordedAt: '2026-06-12T00:00:00.000Z',
  recordedBy: 'U1',
} as TraceEvent;

describe('EPCIS event IDs of stored events', () => {
  it('a new event stores the CBV 2.0 hash of the event as served, which a partner can recompute', () => {
    const id = newEpcisEventId(harvest, lot, farm, resolver);
    const doc = lotEpcisDocument(lot, farm, [{ ...harvest, epcisEventId: id }], resolver, new Date());
    const served = doc.epcisBody.eventList[0]!;
    expect(served.eventID).toBe(id);
    expect(epcisEventHashId(served, doc['@context'])).toBe(id);
  });

  it('keeps the stored ID even when the lot master data changes later', () => {
    const id = newEpcisEventId(harvest, lot, farm, resolver);
    const renamed = { ...lot, productName: { vi: 'Vải thiều Thanh Hà loại 1' } };
    const doc = lotEpcisDocument(renamed, farm, [{ ...harvest, epcisEventId: id }], resolver, new Date());
    expect(doc.epcisBody.eventList[0]!.eventID).toBe(id);
  });

  it('an event stored before IDs were stored keeps the ID it was always served with (legacy hash)', () => {
    const doc = lotEpcisDocument(lot, farm, [harvest], resolver, new Date());
    const served = doc.epcisBody.eventList[0]!;
    expect(served.eventID).toBe(legacyEventId(served));
    expect(served.eventID).not.toBe(newEpcisEventId(harvest, lot, farm, resolver));
    // The ID this event had under the previous release (computed with commit 31aa006~1's lotEpcisDocument).
    expect(served.eventID).toBe(
      'ni:///sha-256;ff56552f525c3221e27c8119242615bc7101863bf8dc6f0ab6c402f5ac62a79d?ver=CBV2.0',
    );
  });
});
