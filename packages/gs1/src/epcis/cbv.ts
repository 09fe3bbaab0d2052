/** CBV 2.0 vocabularies as written in EPCIS 2.0 JSON (bare words), and our own extension vocabulary. */

export const CBV_BIZ_STEPS = [
  'accepting',
  'arriving',
  'assembling',
  'collecting',
  'commissioning',
  'consigning',
  'creating_class_instance',
  'cycle_counting',
  'decommissioning',
  'departing',
  'destroying',
  'disassembling',
  'dispensing',
  'encoding',
  'entering_exiting',
  'holding',
  'inspecting',
  'installing',
  'killing',
  'loading',
  'other',
  'packing',
  'picking',
  'receiving',
  'removing',
  'repackaging',
  'repairing',
  'replacing',
  'reserving',
  'retail_selling',
  'shipping',
  'staging_outbound',
  'stock_taking',
  'stocking',
  'storing',
  'transporting',
  'unloading',
  'unpacking',
  'void_shipping',
  'sensor_reporting',
  'sampling',
] as const;
export type CbvBizStep = (typeof CBV_BIZ_STEPS)[number];

export const CBV_DISPOSITIONS = [
  'active',
  'container_closed',
  'damaged',
  'destroyed',
  'dispensed',
  'disposed',
  'encoded',
  'expired',
  'in_progress',
  'in_transit',
  'inactive',
  'no_pedigree_match',
  'non_sellable_other',
  'partially_dispensed',
  'recalled',
  'reserved',
  'retail_sold',
  'returned',
  'sellable_accessible',
  'sellable_not_accessible',
  'stolen',
  'unknown',
  'available',
  'completeness_verified',
  'completeness_inferred',
  'conformant',
  'container_open',
  'mismatch_instance',
  'mismatch_class',
  'mismatch_quantity',
  'needs_replacement',
  'non_conformant',
  'unavailable',
] as const;
export type CbvDisposition = (typeof CBV_DISPOSITIONS)[number];

export const CBV_BIZ_TRANSACTION_TYPES = [
  'bol',
  'cert',
  'desadv',
  'inv',
  'pedigree',
  'po',
  'poc',
  'prodorder',
  'recadv',
  'rma',
  'testprd',
  'testres',
] as const;
export type CbvBizTransactionType = (typeof CBV_BIZ_TRANSACTION_TYPES)[number];

export const CBV_SOURCE_DESTINATION_TYPES = ['owning_party', 'possessing_party', 'location'] as const;
export type CbvSourceDestinationType = (typeof CBV_SOURCE_DESTINATION_TYPES)[number];

/**
 * Farm steps CBV 2.0 has no word for (FSMA 204 CTEs and Vietnamese practice). They are emitted as URIs under
 * our vocabulary base, because EPCIS only accepts bare words from the CBV list.
 */
export const CHOPHIEN_BIZ_STEPS = ['planting', 'input_application', 'harvesting', 'cooling'] as const;
export type ChophienBizStep = (typeof CHOPHIEN_BIZ_STEPS)[number];

export const DEFAULT_VOCABULARY_BASE = 'https://chophien.vn/voc/bizstep/';

/** CBV-owned namespaces: a custom value under them would claim to be standard, which EPCIS forbids. */
const CBV_NAMESPACES = ['https://ns.gs1.org/cbv/', 'http://ns.gs1.org/cbv/', 'urn:epcglobal:cbv:'];

export function isCbvNamespace(uri: string): boolean {
  const lower = uri.toLowerCase();
  return CBV_NAMESPACES.some((ns) => lower.startsWith(ns));
}

/** Absolute URI with a scheme, as EPCIS requires for any non-CBV vocabulary value. */
export function isAbsoluteUri(s: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/.test(s);
}

/** URI of one of our custom bizSteps under `base` (default https://chophien.vn/voc/bizstep/). */
export function customBizStep(step: ChophienBizStep, base: string = DEFAULT_VOCABULARY_BASE): string {
  return `${base.endsWith('/') ? base : `${base}/`}${step}`;
}
