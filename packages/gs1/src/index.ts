export { type AiDefinition, aiDefinition } from './ai-dictionary.ts';
export {
  type BuildDigitalLinkInput,
  buildDigitalLink,
  CANONICAL_DOMAIN,
  canonicalDigitalLink,
  humanReadable,
} from './build-digital-link.ts';
export { gtinCheckDigit, isValidGln, isValidGtin, isValidSscc, padGtin14 } from './check-digit.ts';
export { elementString } from './element-string.ts';
export {
  type EpcisDocument,
  type EpcisDocumentInput,
  type EpcisEvent,
  type EpcisEventCommon,
  epcisDocument,
  harvestIlmd,
  type ObjectEventInput,
  objectEvent,
  type QuantityElement,
  type TransformationEventInput,
  transformationEvent,
} from './epcis/builders.ts';
export {
  CBV_BIZ_STEPS,
  CBV_BIZ_TRANSACTION_TYPES,
  CBV_DISPOSITIONS,
  CBV_SOURCE_DESTINATION_TYPES,
  type CbvBizStep,
  type CbvDisposition,
  CHOPHIEN_BIZ_STEPS,
  type ChophienBizStep,
  customBizStep,
  DEFAULT_VOCABULARY_BASE,
} from './epcis/cbv.ts';
export { buildConstrainedDigitalLink } from './epcis/constrained-link.ts';
export {
  CHOPHIEN_CONTEXT_PREFIX,
  CHOPHIEN_NAMESPACE,
  EPCIS_CONTEXT_URL,
  epcisContext,
} from './epcis/context.ts';
export { epcUrnToDigitalLink } from './epcis/epc-urn.ts';
export { canonicalTimestamp, epcisEventHashId, epcisPreHash } from './epcis/event-hash.ts';
export { eventId, legacyEventId } from './epcis/event-id.ts';
export { digitalLinkClass, digitalLinkInstance } from './epcis/ids.ts';
export { Gs1Error, type Gs1ErrorCode, type Gs1Issue, type LocalizedMessage, messageOf } from './errors.ts';
export { MAX_URI_LENGTH, parseDigitalLink } from './parse-digital-link.ts';
export type {
  AiValue,
  DigitalLinkMode,
  IgnoredParam,
  ParsedDigitalLink,
  ParseOptions,
  ParseResult,
} from './types.ts';
