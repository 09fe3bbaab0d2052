import { epcisContext } from './context.ts';
import { epcisEventHashId } from './event-hash.ts';
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
 * The event ID of an event as we build it: the CBV 2.0 EPCIS Event Hash ID (see event-hash.ts), with the
 * extension prefixes of the context our documents carry (`cp:` → https://chophien.vn/epcis/ by default).
 */
export function eventId(event: Readonly<Record<string, unknown>>, context: unknown = epcisContext()): string {
  return epcisEventHashId(event, context);
}

/**
 * The IDs we issued before the CBV 2.0 algorithm (until 2026-11): SHA-256 over the event's canonical JSON
 * (keys sorted, no whitespace; eventID, recordTime and errorDeclaration left out), in the same ni: syntax.
 * Kept only so events stored before the switch keep the IDs partners may already hold
 * (docs/decisions/0203-epcis-event-hash-id.md); never use it for new events.
 */
export function legacyEventId(event: Readonly<Record<string, unknown>>): string {
  const { eventID: _id, recordTime: _rt, errorDeclaration: _ed, ...content } = event;
  return `ni:///sha-256;${sha256Hex(canonicalJson(content))}?ver=CBV2.0`;
}
