import { buildDigitalLink } from '../build-digital-link.ts';

/**
 * EPCIS identifiers as GS1 Digital Link URIs (EPCIS 2.0 accepts them wherever an EPC URN fits).
 * Defaults to the canonical id.gs1.org stem so the same lot always has the same ID.
 */

/** Lot-level class (LGTIN) for quantityList/epcClass: https://id.gs1.org/01/{gtin14}/10/{lot}. */
export function digitalLinkClass(input: { gtin: string; lot: string; domain?: string }): string {
  return buildDigitalLink({ gtin: input.gtin, lot: input.lot, domain: input.domain });
}

/** Serialised item (SGTIN) for epcList: https://id.gs1.org/01/{gtin14}/21/{serial}. The lot is not part of it. */
export function digitalLinkInstance(input: { gtin: string; serial: string; domain?: string }): string {
  return buildDigitalLink({ gtin: input.gtin, serial: input.serial, domain: input.domain });
}
