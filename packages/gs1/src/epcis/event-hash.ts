import { buildConstrainedDigitalLink } from './constrained-link.ts';
import { epcUrnToDigitalLink } from './epc-urn.ts';
import { sha256Hex } from './sha256.ts';

/**
 * The CBV 2.0 "EPCIS Event Hash ID" (CBV 2.0 §8.9; GS1's reference implementation is the
 * epcis-event-hash-generator project): a canonical pre-hash string built from the event's content in a fixed
 * property order, with identifiers, vocabulary, numbers and times normalised, hashed with SHA-256 and written
 * as `ni:///sha-256;<hex>?ver=CBV2.0`. The same event as JSON-LD or XML, with any key order or any way of
 * writing its identifiers, gets the same ID. Written from the rules, not ported; see
 * docs/decisions/0203-epcis-event-hash-id.md for what is and is not verified against published vectors.
 */

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };
type JsonObject = { readonly [key: string]: Json };

/** Prefixes every EPCIS 2.0 document may use without declaring them (the EPCIS context and CBV). */
const STANDARD_PREFIXES: Readonly<Record<string, string>> = {
  gs1: 'https://gs1.org/voc/',
  cbv: 'https://ref.gs1.org/cbv/',
  epcis: 'https://ref.gs1.org/epcis/',
  cbvmda: 'urn:epcglobal:cbv:mda',
};

const CBV = 'https://ref.gs1.org/cbv/';

/** Rule 14: CBV 1.x URNs → CBV 2.0 Web URIs (the URN vocabulary name → the Web URI term prefix). */
const URN_VOCABULARY: Readonly<Record<string, string>> = {
  bizstep: 'BizStep-',
  disp: 'Disp-',
  btt: 'BTT-',
  sdt: 'SDT-',
  er: 'ER-',
};

/** Fields never hashed: the ID itself, what a repository adds, later corrections and comments. */
const EXCLUDED = new Set([
  'type',
  '@context',
  'eventID',
  'recordTime',
  'errorDeclaration',
  'comment',
  'rdfs:comment',
]);

const ORDERED = [
  'eventTime',
  'eventTimeZoneOffset',
  'epcList',
  'parentID',
  'inputEPCList',
  'childEPCs',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputEPCList',
  'outputQuantityList',
  'action',
  'transformationID',
  'bizStep',
  'disposition',
  'persistentDisposition',
  'readPoint',
  'bizLocation',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'ilmd',
] as const;
/** Event-level keys that are not extensions: the ordered standard fields and the excluded ones. */
const NOT_EXTENSIONS = new Set<string>([...ORDERED, ...EXCLUDED]);

const SENSOR_METADATA = [
  'time',
  'startTime',
  'endTime',
  'deviceID',
  'deviceMetadata',
  'rawData',
  'dataProcessingMethod',
  'bizRules',
] as const;
const SENSOR_REPORT = [
  'type',
  'exception',
  'deviceID',
  'deviceMetadata',
  'rawData',
  'dataProcessingMethod',
  'time',
  'microorganism',
  'chemicalSubstance',
  'value',
  'component',
  'stringValue',
  'booleanValue',
  'hexBinaryValue',
  'uriValue',
  'minValue',
  'maxValue',
  'meanValue',
  'sDev',
  'percRank',
  'percValue',
  'uom',
  'coordinateReferenceSystem',
] as const;
const SENSOR_TIMES = new Set(['time', 'startTime', 'endTime']);

/** "Case-sensitive lexical ordering … UTF-8/ASCII code values": code-point order, not UTF-16 code units. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(j) as number;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i += ca > 0xffff ? 2 : 1;
    j += cb > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

const joinSorted = (parts: readonly string[]) => [...parts].sort(compareCodePoints).join('');

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const asArray = (v: Json | undefined): readonly Json[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v as Json];

/** Rule 6/7: numbers without trailing zeros, quotes or a leading "+"; "1.0" → "1", "0.3430" → "0.343". */
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function canonicalNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  return String(n);
}

/**
 * Rules 8/9: UTC, "Z", exactly three decimals; a fourth decimal of 5–9 rounds the third up. Values that are
 * not an ISO 8601 date-time are left as written (trimmed).
 */
export function canonicalTimestamp(raw: string): string {
  const text = raw.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m as unknown as string[];
  let ms = Number(frac.padEnd(3, '0').slice(0, 3));
  if (frac.length > 3 && Number(frac[3]) >= 5) ms += 1;
  let offset = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    offset = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const date = new Date(utc - offset * 60_000);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

interface Scope {
  /** prefix → namespace IRI, from the document's @context (and legacy "@xmlns:p" keys). */
  readonly prefixes: Readonly<Record<string, string>>;
}

/** Rule 15: CURIEs of the standard vocabularies are expanded in values; user CURIEs stay as written. */
function expandStandardCurie(value: string): string {
  const colon = value.indexOf(':');
  if (colon <= 0) return value;
  const prefix = value.slice(0, colon);
  if (prefix === 'gs1' || prefix === 'cbv' || prefix === 'epcis')
    return `${STANDARD_PREFIXES[prefix]}${value.slice(colon + 1)}`;
  return value;
}

/** Rules 5, 14, 15, 6, 17, 18 applied to any value: trim, CBV Web URI, numbers, EPC URN → DL, DL constrained. */
function canonicalValue(raw: string): string {
  let text = expandStandardCurie(raw.trim());
  const urn = /^urn:epcglobal:cbv:([a-z]+):(.+)$/.exec(text);
  if (urn?.[1] && urn[2] && URN_VOCABULARY[urn[1]]) text = `${CBV}${URN_VOCABULARY[urn[1]]}${urn[2]}`;
  if (NUMERIC.test(text)) return canonicalNumber(Number(text));
  if (text.startsWith('urn:epc:')) return epcUrnToDigitalLink(text);
  if (/^https?:\/\//i.test(text)) return buildConstrainedDigitalLink(text) ?? text;
  return text;
}

function scalar(value: Json | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return canonicalNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return canonicalValue(value);
  if (isObject(value) && typeof value['#text'] === 'string') return canonicalValue(value['#text']);
  return undefined;
}

/** Rule 16: a bare CBV word in JSON ("shipping") stands for its Web URI; URIs and CURIEs go through canonicalValue. */
function vocabulary(value: Json | undefined, termPrefix: string, base = CBV): string | undefined {
  if (typeof value !== 'string') return scalar(value);
  const text = value.trim();
  if (text !== '' && !text.includes(':')) return `${base}${termPrefix}${text}`;
  return canonicalValue(text);
}

const pair = (key: string, value: string | undefined) =>
  value === undefined || value === '' ? '' : `${key}=${value}`;

/** `{namespace}local` for a prefixed key (rules 19–20); bare or unknown-prefix keys are kept as written. */
function expandKey(key: string, scope: Scope): string {
  const colon = key.indexOf(':');
  if (colon <= 0) return key;
  const namespace = scope.prefixes[key.slice(0, colon)];
  return namespace === undefined ? key : `{${namespace}}${key.slice(colon + 1)}`;
}

function withXmlns(value: JsonObject, scope: Scope): Scope {
  let prefixes: Record<string, string> | undefined;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('@xmlns:') && typeof v === 'string') {
      prefixes ??= { ...scope.prefixes };
      prefixes[k.slice(7)] = v;
    }
  }
  return prefixes ? { prefixes } : scope;
}

/** Rules 19–21: `{ns}name=value`, nested elements as name + their own sorted children, lists as repeats. */
function extensionParts(key: string, value: Json | undefined, scope: Scope): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => extensionParts(key, item, scope));
  if (isObject(value)) {
    const inner = withXmlns(value, scope);
    const name = expandKey(key, inner);
    const text = typeof value['#text'] === 'string' ? canonicalValue(value['#text']) : '';
    const children = joinSorted(extensionsOf(value, inner, new Set()));
    if (text === '' && children === '') return [];
    return [`${name}${text === '' ? '' : `=${text}`}${children}`];
  }
  const text = scalar(value);
  return text === undefined || text === '' ? [] : [`${expandKey(key, scope)}=${text}`];
}

function extensionsOf(record: JsonObject, scope: Scope, known: ReadonlySet<string>): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (known.has(key) || key.startsWith('@') || key === '#text') continue;
    parts.push(...extensionParts(key, value, scope));
  }
  return parts;
}

const idList = (label: string, item: string, values: Json | undefined) => {
  const parts = asArray(values).map((v) => pair(item, scalar(v)));
  return parts.some(Boolean) ? `${label}${joinSorted(parts)}` : '';
};

function quantityList(label: string, values: Json | undefined, scope: Scope): string {
  const parts = asArray(values)
    .filter(isObject)
    .map(
      (q) =>
        `quantityElement${pair('epcClass', scalar(q['epcClass']))}${pair('quantity', scalar(q['quantity']))}${pair('uom', scalar(q['uom']))}${joinSorted(extensionsOf(q, scope, new Set(['epcClass', 'quantity', 'uom'])))}`,
    );
  return parts.length ? `${label}${joinSorted(parts)}` : '';
}

/** readPoint / bizLocation: the id, then any extensions of the element (rule 21). */
function location(label: string, value: Json | undefined, scope: Scope): string {
  if (!isObject(value)) return value === undefined ? '' : `${label}${pair('id', scalar(value))}`;
  const inner = `${pair('id', scalar(value['id']))}${joinSorted(extensionsOf(value, scope, new Set(['id'])))}`;
  return inner === '' ? '' : `${label}${inner}`;
}

/** Rule 13: the ID first, then its type, and only then sorted among its siblings. */
function typedList(label: string, item: string, termPrefix: string, values: Json | undefined): string {
  const parts = asArray(values)
    .filter(isObject)
    .map(
      (entry) => `${pair(item, scalar(entry[item]))}${pair('type', vocabulary(entry['type'], termPrefix))}`,
    );
  return parts.some(Boolean) ? `${label}${joinSorted(parts)}` : '';
}

function persistentDisposition(value: Json | undefined): string {
  if (!isObject(value)) return '';
  const set = asArray(value['set']).map((v) => pair('set', vocabulary(v, 'Disp-')));
  const unset = asArray(value['unset']).map((v) => pair('unset', vocabulary(v, 'Disp-')));
  const inner = `${joinSorted(set)}${joinSorted(unset)}`;
  return inner === '' ? '' : `persistentDisposition${inner}`;
}

function sensorField(key: string, value: Json | undefined): string {
  if (value === undefined || value === null) return '';
  if (SENSOR_TIMES.has(key) && typeof value === 'string') return pair(key, canonicalTimestamp(value));
  if (key === 'type') return pair(key, vocabulary(value, '', STANDARD_PREFIXES['gs1']));
  if (key === 'exception') return pair(key, vocabulary(value, 'SensorAlertType-', STANDARD_PREFIXES['gs1']));
  if (key === 'component') return pair(key, vocabulary(value, 'Comp-'));
  return pair(key, scalar(value));
}

function sensorBlock(label: string, fields: readonly string[], value: JsonObject, scope: Scope): string {
  const ordered = fields.map((f) => sensorField(f, value[f])).join('');
  const inner = `${ordered}${joinSorted(extensionsOf(value, scope, new Set(fields)))}`;
  return inner === '' ? '' : `${label}${inner}`;
}

function sensorElementList(values: Json | undefined, scope: Scope): string {
  const elements = asArray(values)
    .filter(isObject)
    .map((element) => {
      const metadata = isObject(element['sensorMetadata'])
        ? sensorBlock('sensorMetadata', SENSOR_METADATA, element['sensorMetadata'], scope)
        : '';
      const reports = asArray(element['sensorReport'])
        .filter(isObject)
        .map((report) => sensorBlock('sensorReport', SENSOR_REPORT, report, scope));
      const rest = extensionsOf(element, scope, new Set(['sensorMetadata', 'sensorReport']));
      return `sensorElement${metadata}${joinSorted(reports)}${joinSorted(rest)}`;
    });
  return elements.length ? `sensorElementList${joinSorted(elements)}` : '';
}

function orderedField(key: (typeof ORDERED)[number], event: JsonObject, scope: Scope): string {
  const value = event[key];
  if (value === undefined || value === null) return '';
  switch (key) {
    case 'eventTime':
      return typeof value === 'string' ? pair(key, canonicalTimestamp(value)) : '';
    case 'eventTimeZoneOffset':
      return typeof value === 'string' ? pair(key, value.trim()) : '';
    case 'epcList':
    case 'inputEPCList':
    case 'childEPCs':
    case 'outputEPCList':
      return idList(key, 'epc', value);
    case 'quantityList':
    case 'childQuantityList':
    case 'inputQuantityList':
    case 'outputQuantityList':
      return quantityList(key, value, scope);
    case 'bizStep':
      return pair(key, vocabulary(value, 'BizStep-'));
    case 'disposition':
      return pair(key, vocabulary(value, 'Disp-'));
    case 'persistentDisposition':
      return persistentDisposition(value);
    case 'readPoint':
    case 'bizLocation':
      return location(key, value, scope);
    case 'bizTransactionList':
      return typedList(key, 'bizTransaction', 'BTT-', value);
    case 'sourceList':
      return typedList(key, 'source', 'SDT-', value);
    case 'destinationList':
      return typedList(key, 'destination', 'SDT-', value);
    case 'sensorElementList':
      return sensorElementList(value, scope);
    case 'ilmd': {
      const parts = isObject(value) ? extensionsOf(value, withXmlns(value, scope), new Set()) : [];
      return parts.length ? `ilmd${joinSorted(parts)}` : '';
    }
    default:
      return pair(key, scalar(value));
  }
}

/** Prefix → namespace from a JSON-LD @context (a URL, an object, or an array of both), plus the standard ones. */
export function contextPrefixes(context: unknown): Record<string, string> {
  const prefixes: Record<string, string> = { ...STANDARD_PREFIXES };
  for (const entry of Array.isArray(context) ? context : [context]) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
      if (typeof v === 'string' && !k.startsWith('@')) prefixes[k] = v;
      else if (typeof v === 'object' && v !== null && typeof (v as { '@id'?: unknown })['@id'] === 'string')
        prefixes[k] = (v as { '@id': string })['@id'];
    }
  }
  return prefixes;
}

/**
 * The canonical pre-hash string of one EPCIS 2.0 event in JSON(-LD) form. `context` is the enclosing
 * document's @context (needed to expand extension prefixes such as "cp:" into their namespaces).
 */
export function epcisPreHash(event: Readonly<Record<string, unknown>>, context?: unknown): string {
  const record = event as JsonObject;
  const scope: Scope = { prefixes: contextPrefixes(context ?? record['@context']) };
  const type = typeof record['type'] === 'string' ? record['type'] : '';
  const ordered = ORDERED.map((key) => orderedField(key, record, scope)).join('');
  const rest = extensionsOf(record, withXmlns(record, scope), NOT_EXTENSIONS);
  return `eventType=${type}${ordered}${joinSorted(rest)}`;
}

/** `ni:///sha-256;<hex>?ver=CBV2.0` (RFC 6920 named information, CBV 2.0 version tag). */
export function epcisEventHashId(event: Readonly<Record<string, unknown>>, context?: unknown): string {
  return `ni:///sha-256;${sha256Hex(epcisPreHash(event, context))}?ver=CBV2.0`;
}
