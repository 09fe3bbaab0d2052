import {
  type Certification,
  certificationLabels,
  certificationStatus,
  SCAN_REGIONS,
  type TraceEvent,
  traceDate,
  traceEventLabels,
} from '@chophien/core';
import { type Lang, pickText } from '../../i18n/index.ts';
import { fill, producerText } from './text.ts';

/** View models for the desk: what a farmer reads back, in their language. */

/** The 34 provinces since 2025-07-01 (the shared list core keeps for trace regions). */
export const provinceOptions = SCAN_REGIONS.map((name) => ({ value: name, label: name }));

export const calendarDay = (isoDate: string) => traceDate(`${isoDate}T00:00:00+07:00`);

export function certificationLine(lang: Lang, cert: Certification, now = new Date()): string {
  const tx = producerText(lang);
  const name = pickText(lang, certificationLabels[cert.scheme]);
  const stars = cert.scheme === 'ocop' && cert.stars ? ` ${cert.stars}★` : '';
  const validity = fill(certificationStatus(cert, now) === 'valid' ? tx.validTill : tx.expiredOn, {
    date: calendarDay(cert.validUntil),
  });
  return `${name}${stars} · ${cert.number} · ${cert.issuer} · ${validity}`;
}

/** "Bón phân / phun thuốc: Phân hữu cơ vi sinh (2 kg/gốc)" and the like. */
export function eventLine(lang: Lang, event: TraceEvent): string {
  const tx = producerText(lang);
  const label = pickText(lang, traceEventLabels[event.type]);
  switch (event.type) {
    case 'input': {
      const kind = event.input.kind === 'pesticide' ? tx.pesticide : tx.fertiliser;
      const dose = event.input.dose ? ` (${event.input.dose})` : '';
      const phi =
        event.input.preHarvestIntervalDays !== undefined && event.input.kind === 'pesticide'
          ? ` · ${tx.phi}: ${event.input.preHarvestIntervalDays}`
          : '';
      return `${label}: ${kind} ${event.input.name}${dose}${phi}`;
    }
    case 'harvesting':
    case 'packing':
      return `${label}: ${event.quantity} ${event.unit}`;
    case 'shipping':
      return `${label}: ${event.to}`;
    case 'receiving':
      return `${label}: ${event.by}`;
    default:
      return label;
  }
}

/** Date and time in Vietnam, as the farmer's log shows it. */
export const eventTime = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(iso));

/** Now in Vietnam as a `datetime-local` value, the default for "when". */
export const nowForInput = (now = new Date()) =>
  new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
