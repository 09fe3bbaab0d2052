import {
  type EpcisDocument,
  type EpcisEvent,
  epcisDocument,
  harvestIlmd,
  legacyEventId,
  objectEvent,
  type QuantityElement,
  transformationEvent,
} from '@chophien/gs1';
import type { TraceEvent } from './event.ts';
import type { Farm } from './farm.ts';
import { lotClassId } from './links.ts';
import type { Lot } from './lot.ts';

/** UN/CEFACT Rec 20 codes for the units farmers use. */
const UOM: Record<string, string> = {
  kg: 'KGM',
  g: 'GRM',
  l: 'LTR',
  ml: 'MLT',
  piece: 'H87',
  box: 'BX',
  bag: 'BG',
  bottle: 'BO',
  pack: 'PA',
  t: 'TNE',
};

const quantity = (epcClass: string, amount: number, unit: string): QuantityElement => ({
  epcClass,
  quantity: amount,
  ...(UOM[unit] ? { uom: UOM[unit] } : {}),
});

/** Farm and party IDs under the platform's namespace (households have no GLN). */
const farmUri = (resolverUrl: string, farm: Pick<Farm, 'id'>) =>
  `${new URL(resolverUrl).origin}/farms/${farm.id}`;

function toEpcis(event: TraceEvent, lot: Lot, farm: Farm, resolverUrl: string): EpcisEvent {
  const lotClass = lotClassId({ ...(lot.gtin ? { gtin: lot.gtin } : {}), lot: lot.lotCode }, resolverUrl);
  const farmId = farmUri(resolverUrl, farm);
  const common = {
    ...(event.epcisEventId ? { eventID: event.epcisEventId } : {}),
    eventTime: event.time,
    recordTime: event.recordedAt,
    readPoint: farmId,
    extensions: {
      ...(event.note ? { note: event.note } : {}),
      ...(event.onBehalfBy ? { recordedOnBehalf: true } : {}),
    },
  };
  switch (event.type) {
    case 'input':
      return objectEvent({
        ...common,
        action: 'OBSERVE',
        bizStep: 'input_application',
        quantityList: [quantity(lotClass, lot.quantity, lot.unit)],
        bizLocation: farmId,
        extensions: {
          ...common.extensions,
          input: {
            kind: event.input.kind,
            name: event.input.name,
            ...(event.input.dose ? { dose: event.input.dose } : {}),
            ...(event.input.preHarvestIntervalDays !== undefined
              ? { preHarvestIntervalDays: event.input.preHarvestIntervalDays }
              : {}),
          },
        },
      });
    case 'harvesting':
      return objectEvent({
        ...common,
        action: 'ADD',
        bizStep: 'harvesting',
        disposition: 'active',
        quantityList: [quantity(lotClass, event.quantity, event.unit)],
        bizLocation: farmId,
        ilmd: harvestIlmd({
          ...(farm.plantingAreaCode ? { plantingAreaCode: farm.plantingAreaCode } : {}),
          harvestDate: event.time.slice(0, 10),
          farm: farmId,
          commodity: lot.productName.vi,
        }),
      });
    case 'cooling':
      return objectEvent({
        ...common,
        action: 'OBSERVE',
        bizStep: 'cooling',
        quantityList: [quantity(lotClass, lot.quantity, lot.unit)],
        extensions: {
          ...common.extensions,
          ...(event.temperatureC !== undefined ? { temperatureC: event.temperatureC } : {}),
          ...(event.location ? { location: event.location } : {}),
        },
      });
    case 'packing':
      // Bulk harvest in, packed units of the same lot out: the lot code stays, the unit changes.
      return transformationEvent({
        ...common,
        bizStep: 'packing',
        disposition: 'active',
        inputQuantityList: [quantity(lotClass, lot.quantity, lot.unit)],
        outputQuantityList: [quantity(lotClass, event.quantity, event.unit)],
        ...(farm.packingHouseCode ? { ilmd: { packingHouseCode: farm.packingHouseCode } } : {}),
        extensions: { ...common.extensions, ...(event.location ? { location: event.location } : {}) },
      });
    case 'shipping':
      return objectEvent({
        ...common,
        action: 'OBSERVE',
        bizStep: 'shipping',
        disposition: 'in_transit',
        quantityList: [quantity(lotClass, lot.quantity, lot.unit)],
        sources: [{ type: 'owning_party', id: farmId }],
        extensions: { ...common.extensions, shipTo: event.to },
      });
    case 'receiving':
      return objectEvent({
        ...common,
        action: 'OBSERVE',
        bizStep: 'receiving',
        disposition: 'in_progress',
        quantityList: [quantity(lotClass, lot.quantity, lot.unit)],
        extensions: { ...common.extensions, receivedBy: event.by },
      });
  }
}

/**
 * The EPCIS eventID to store with a new event: the CBV 2.0 Event Hash ID of the event as it is first
 * published. Stored, so later changes to the lot's master data do not change an ID partners may hold.
 */
export function newEpcisEventId(event: TraceEvent, lot: Lot, farm: Farm, resolverUrl: string): string {
  const { epcisEventId: _ignored, ...fresh } = event;
  return toEpcis(fresh as TraceEvent, lot, farm, resolverUrl).eventID;
}

/** Events stored before IDs were stored keep the ID they were served with (our earlier canonical-JSON hash). */
function withIssuedId(event: TraceEvent, built: EpcisEvent): EpcisEvent {
  return event.epcisEventId ? built : { ...built, eventID: legacyEventId(built) };
}

/** The lot's history as one EPCIS 2.0 document (JSON-LD), oldest event first. */
export function lotEpcisDocument(
  lot: Lot,
  farm: Farm,
  events: readonly TraceEvent[],
  resolverUrl: string,
  now: Date,
): EpcisDocument {
  const ordered = [...events].sort((a, b) => a.time.localeCompare(b.time));
  return epcisDocument({
    creationDate: now,
    events: ordered.map((event) => withIssuedId(event, toEpcis(event, lot, farm, resolverUrl))),
  });
}
