import { Gs1Error, issue } from '../errors.ts';
import {
  CBV_BIZ_STEPS,
  CBV_BIZ_TRANSACTION_TYPES,
  CBV_DISPOSITIONS,
  CBV_SOURCE_DESTINATION_TYPES,
  type CbvBizStep,
  type CbvBizTransactionType,
  type CbvDisposition,
  type CbvSourceDestinationType,
  CHOPHIEN_BIZ_STEPS,
  type ChophienBizStep,
  customBizStep,
  DEFAULT_VOCABULARY_BASE,
  isAbsoluteUri,
  isCbvNamespace,
} from './cbv.ts';
import { CHOPHIEN_NAMESPACE, type EpcisContext, epcisContext, extensionKey } from './context.ts';
import { eventId } from './event-id.ts';
import { checkOffset, formatTime, VIETNAM_OFFSET } from './time.ts';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

export interface QuantityElement {
  /** Class-level ID, e.g. digitalLinkClass({ gtin, lot }). */
  readonly epcClass: string;
  readonly quantity: number;
  /** UN/CEFACT Rec 20 code: KGM, TNE, LTR, H87 (piece)… */
  readonly uom?: string;
}

export interface EpcisEventCommon {
  readonly eventTime: Date | string;
  /** Default +07:00 (Vietnam). */
  readonly eventTimeZoneOffset?: string;
  readonly recordTime?: Date | string;
  /** A CBV 2.0 word, one of our custom steps (harvesting, cooling, …) or any absolute URI outside CBV. */
  readonly bizStep?: CbvBizStep | ChophienBizStep | (string & {});
  /** A CBV 2.0 word or an absolute URI outside CBV. */
  readonly disposition?: CbvDisposition | (string & {});
  /** URIs (GLN-based DL such as https://id.gs1.org/414/…, or our own location URIs). */
  readonly readPoint?: string;
  readonly bizLocation?: string;
  readonly bizTransactions?: readonly {
    readonly type?: CbvBizTransactionType | (string & {});
    readonly id: string;
  }[];
  readonly sources?: readonly {
    readonly type: CbvSourceDestinationType | (string & {});
    readonly id: string;
  }[];
  readonly destinations?: readonly {
    readonly type: CbvSourceDestinationType | (string & {});
    readonly id: string;
  }[];
  /** Extra event fields; bare keys get the "cp:" prefix. */
  readonly extensions?: Readonly<Record<string, Json>>;
  /**
   * An ID already issued for this event (a stored event keeps the ID it was first published with). Default:
   * the CBV 2.0 EPCIS Event Hash ID of the built event, with our `cp:` prefix bound to CHOPHIEN_NAMESPACE.
   */
  readonly eventID?: string;
  /** Base URI for custom bizSteps; default https://chophien.vn/voc/bizstep/. */
  readonly vocabularyBase?: string;
}

export interface ObjectEventInput extends EpcisEventCommon {
  readonly action: 'ADD' | 'OBSERVE' | 'DELETE';
  /** Serialised instances, e.g. digitalLinkInstance({ gtin, serial }). */
  readonly epcList?: readonly string[];
  readonly quantityList?: readonly QuantityElement[];
  /** Instance/lot master data at commissioning (ADD only); bare keys get the "cp:" prefix. */
  readonly ilmd?: Readonly<Record<string, Json>>;
}

export interface TransformationEventInput extends EpcisEventCommon {
  readonly inputEPCList?: readonly string[];
  readonly inputQuantityList?: readonly QuantityElement[];
  readonly outputEPCList?: readonly string[];
  readonly outputQuantityList?: readonly QuantityElement[];
  readonly transformationID?: string;
  readonly ilmd?: Readonly<Record<string, Json>>;
}

/** A built event: plain JSON, ready for JSON.stringify; eventID is the CBV 2.0 hash of the rest unless given. */
export type EpcisEvent = Readonly<Record<string, Json>> & {
  readonly type: 'ObjectEvent' | 'TransformationEvent';
  readonly eventID: string;
  readonly eventTime: string;
  readonly eventTimeZoneOffset: string;
};

export interface EpcisDocumentInput {
  readonly events: readonly EpcisEvent[];
  readonly creationDate: Date | string;
  /** Sender identifier (URI, e.g. a party GLN as https://id.gs1.org/417/…). */
  readonly sender?: string;
  readonly receiver?: string;
  /** Namespace bound to the "cp" prefix; default https://chophien.vn/epcis/. */
  readonly namespace?: string;
}

export interface EpcisDocument {
  readonly '@context': EpcisContext;
  readonly type: 'EPCISDocument';
  readonly schemaVersion: '2.0';
  readonly creationDate: string;
  readonly sender?: string;
  readonly receiver?: string;
  readonly epcisBody: { readonly eventList: readonly EpcisEvent[] };
}

function bad(detail: string): Gs1Error {
  return new Gs1Error([issue('EPCIS_BAD_INPUT', undefined, detail)]);
}

function uri(value: string, what: string): string {
  if (!isAbsoluteUri(value)) throw bad(`${what} must be an absolute URI: "${value}"`);
  return value;
}

/** A CBV word stays bare; anything else must be an absolute URI that does not pretend to be CBV. */
function vocabulary(value: string, words: readonly string[], what: string): string {
  if (words.includes(value)) return value;
  if (!isAbsoluteUri(value)) throw bad(`${what} "${value}" is neither a CBV 2.0 value nor an absolute URI`);
  if (isCbvNamespace(value)) throw bad(`${what} "${value}" must be a bare word, or a URI outside CBV`);
  return value;
}

function bizStepOf(value: string, base: string): string {
  if ((CHOPHIEN_BIZ_STEPS as readonly string[]).includes(value)) {
    const custom = customBizStep(value as ChophienBizStep, base);
    if (isCbvNamespace(custom)) throw bad(`vocabularyBase "${base}" lies inside CBV`);
    return uri(custom, 'custom bizStep');
  }
  return vocabulary(value, CBV_BIZ_STEPS, 'bizStep');
}

function uriList(list: readonly string[] | undefined, what: string): string[] | undefined {
  return list === undefined ? undefined : list.map((u) => uri(u, what));
}

function quantities(list: readonly QuantityElement[] | undefined, what: string): Json[] | undefined {
  if (list === undefined) return undefined;
  return list.map((q) => {
    if (!Number.isFinite(q.quantity) || q.quantity < 0)
      throw bad(`${what}: quantity must be a finite number ≥ 0`);
    if (q.uom !== undefined && !/^[A-Z0-9]{2,3}$/.test(q.uom))
      throw bad(`${what}: uom "${q.uom}" is not a Rec 20 code`);
    const out: Record<string, Json> = { epcClass: uri(q.epcClass, `${what}.epcClass`), quantity: q.quantity };
    if (q.uom !== undefined) out['uom'] = q.uom;
    return out;
  });
}

function prefixed(record: Readonly<Record<string, Json>>): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(record)) out[extensionKey(k)] = v;
  return out;
}

/** Fields shared by every event type, in the order they appear in the output. */
function commonFields(input: EpcisEventCommon): { head: Record<string, Json>; tail: Record<string, Json> } {
  const offset = checkOffset(input.eventTimeZoneOffset ?? VIETNAM_OFFSET);
  const head: Record<string, Json> = {
    eventTime: formatTime(input.eventTime, offset),
    eventTimeZoneOffset: offset,
  };
  if (input.recordTime !== undefined) head['recordTime'] = formatTime(input.recordTime, offset);
  const tail: Record<string, Json> = {};
  if (input.bizStep !== undefined)
    tail['bizStep'] = bizStepOf(input.bizStep, input.vocabularyBase ?? DEFAULT_VOCABULARY_BASE);
  if (input.disposition !== undefined)
    tail['disposition'] = vocabulary(input.disposition, CBV_DISPOSITIONS, 'disposition');
  if (input.readPoint !== undefined) tail['readPoint'] = { id: uri(input.readPoint, 'readPoint') };
  if (input.bizLocation !== undefined) tail['bizLocation'] = { id: uri(input.bizLocation, 'bizLocation') };
  if (input.bizTransactions !== undefined) {
    tail['bizTransactionList'] = input.bizTransactions.map((t) => {
      const out: Record<string, Json> = {};
      if (t.type !== undefined)
        out['type'] = vocabulary(t.type, CBV_BIZ_TRANSACTION_TYPES, 'bizTransaction type');
      out['bizTransaction'] = uri(t.id, 'bizTransaction');
      return out;
    });
  }
  if (input.sources !== undefined) {
    tail['sourceList'] = input.sources.map((s) => ({
      type: vocabulary(s.type, CBV_SOURCE_DESTINATION_TYPES, 'source type'),
      source: uri(s.id, 'source'),
    }));
  }
  if (input.destinations !== undefined) {
    tail['destinationList'] = input.destinations.map((d) => ({
      type: vocabulary(d.type, CBV_SOURCE_DESTINATION_TYPES, 'destination type'),
      destination: uri(d.id, 'destination'),
    }));
  }
  return { head, tail };
}

function finish(type: EpcisEvent['type'], body: Record<string, Json>, input: EpcisEventCommon): EpcisEvent {
  const content: Record<string, Json> = { type, ...body };
  if (input.extensions !== undefined) {
    for (const [k, v] of Object.entries(prefixed(input.extensions))) {
      if (k in content) throw bad(`extension "${k}" collides with a standard field`);
      content[k] = v;
    }
  }
  for (const k of Object.keys(content)) if (content[k] === undefined) delete content[k];
  const id = input.eventID === undefined ? eventId(content) : uri(input.eventID, 'eventID');
  return { type, eventID: id, ...content } as EpcisEvent;
}

/** EPCIS 2.0 ObjectEvent. Throws Gs1Error (EPCIS_BAD_INPUT) on input the official schema would reject. */
export function objectEvent(input: ObjectEventInput): EpcisEvent {
  if (!['ADD', 'OBSERVE', 'DELETE'].includes(input.action)) throw bad(`action "${input.action}"`);
  const epcList = uriList(input.epcList, 'epcList');
  const quantityList = quantities(input.quantityList, 'quantityList');
  if (!epcList?.length && !quantityList?.length)
    throw bad('ObjectEvent needs a non-empty epcList or quantityList');
  if (input.ilmd !== undefined && input.action !== 'ADD')
    throw bad('ilmd is only allowed when action is ADD');
  const { head, tail } = commonFields(input);
  const body: Record<string, Json> = { ...head, action: input.action };
  if (epcList?.length) body['epcList'] = epcList;
  if (quantityList?.length) body['quantityList'] = quantityList;
  Object.assign(body, tail);
  if (input.ilmd !== undefined) body['ilmd'] = prefixed(input.ilmd);
  return finish('ObjectEvent', body, input);
}

/** EPCIS 2.0 TransformationEvent (inputs consumed, outputs produced: e.g. harvest lot → packed lot). */
export function transformationEvent(input: TransformationEventInput): EpcisEvent {
  const lists = {
    inputEPCList: uriList(input.inputEPCList, 'inputEPCList'),
    inputQuantityList: quantities(input.inputQuantityList, 'inputQuantityList'),
    outputEPCList: uriList(input.outputEPCList, 'outputEPCList'),
    outputQuantityList: quantities(input.outputQuantityList, 'outputQuantityList'),
  };
  const hasInput = Boolean(lists.inputEPCList?.length || lists.inputQuantityList?.length);
  const hasOutput = Boolean(lists.outputEPCList?.length || lists.outputQuantityList?.length);
  const transformationID =
    input.transformationID === undefined ? undefined : uri(input.transformationID, 'transformationID');
  if (!(hasInput && hasOutput) && !(transformationID !== undefined && (hasInput || hasOutput))) {
    throw bad('TransformationEvent needs inputs and outputs (or a transformationID with either)');
  }
  const { head, tail } = commonFields(input);
  const body: Record<string, Json> = { ...head };
  for (const [k, v] of Object.entries(lists)) if (v?.length) body[k] = v;
  if (transformationID !== undefined) body['transformationID'] = transformationID;
  Object.assign(body, tail);
  if (input.ilmd !== undefined) body['ilmd'] = prefixed(input.ilmd);
  return finish('TransformationEvent', body, input);
}

/** EPCIS 2.0 document (JSON-LD) around already-built events. */
export function epcisDocument(input: EpcisDocumentInput): EpcisDocument {
  const doc: {
    -readonly [K in keyof EpcisDocument]: EpcisDocument[K];
  } = {
    '@context': epcisContext(input.namespace ?? CHOPHIEN_NAMESPACE),
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: formatTime(input.creationDate, VIETNAM_OFFSET),
    epcisBody: { eventList: [...input.events] },
  };
  if (input.sender !== undefined) doc.sender = uri(input.sender, 'sender');
  if (input.receiver !== undefined) doc.receiver = uri(input.receiver, 'receiver');
  return doc;
}

/** Harvest master data for ilmd (keys land under the "cp:" prefix). */
export function harvestIlmd(h: {
  readonly plantingAreaCode?: string;
  readonly packingHouseCode?: string;
  /** ISO date (YYYY-MM-DD) or a range start. */
  readonly harvestDate?: string;
  readonly harvestEndDate?: string;
  readonly farm?: string;
  readonly commodity?: string;
}): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[extensionKey(k)] = v;
  return out;
}
