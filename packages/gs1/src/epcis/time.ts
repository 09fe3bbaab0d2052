import { Gs1Error, issue } from '../errors.ts';

/** Vietnam has one zone (ICT, UTC+7) and no daylight saving. */
export const VIETNAM_OFFSET = '+07:00';

function offsetMinutes(offset: string): number {
  const m = /^([+-])(0\d|1[0-4]):([0-5]\d)$/.exec(offset);
  if (!m) throw new Gs1Error([issue('EPCIS_BAD_INPUT', undefined, `time zone offset "${offset}"`)]);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * ISO 8601 timestamp written in the event's own offset ("2026-05-01T08:30:00.000+07:00"), so the hash of an
 * event does not depend on how the caller happened to write the same instant.
 */
export function formatTime(input: Date | string, offset: string): string {
  const ms = input instanceof Date ? input.getTime() : Date.parse(input);
  if (!Number.isFinite(ms))
    throw new Gs1Error([issue('EPCIS_BAD_INPUT', undefined, `time "${String(input)}"`)]);
  const shifted = new Date(ms + offsetMinutes(offset) * 60_000).toISOString();
  return `${shifted.slice(0, -1)}${offset}`;
}

export function checkOffset(offset: string): string {
  offsetMinutes(offset);
  return offset;
}
