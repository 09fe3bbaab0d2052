import { sha256Hex } from './sha256.ts';

/** JSON with object keys sorted (UTF-16 order) and no whitespace; undefined members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}

/**
 * Deterministic event ID in the CBV 2.0 hash-ID syntax (ni:///sha-256;<hex>?ver=CBV2.0), hashed over the
 * event's canonical JSON. eventID, recordTime and errorDeclaration are left out: they are not the event's
 * content (a repository sets recordTime; an error declaration is added to an existing event later).
 * This is NOT GS1's reference pre-hash string (see docs/decisions/0202-gs1-epcis-event-id.md), so a third
 * party recomputing with GS1's event-hash generator gets another value; the ID is still stable and unique.
 */
export function eventId(event: Readonly<Record<string, unknown>>): string {
  const { eventID: _id, recordTime: _rt, errorDeclaration: _ed, ...content } = event;
  return `ni:///sha-256;${sha256Hex(canonicalJson(content))}?ver=CBV2.0`;
}
