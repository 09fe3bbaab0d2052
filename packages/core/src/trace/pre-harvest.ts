import { DomainError } from '../errors/domain-error.ts';
import type { TraceEvent, TraceEventData } from './event.ts';

const DAY_MS = 86_400_000;

/** dd/mm/yyyy in Vietnam time, as the farmer reads it on the spray log. */
export const traceDate = (iso: string): string =>
  new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date(iso));

/**
 * The pesticide whose pre-harvest interval (thời gian cách ly) is still running at `harvestTime`,
 * with the earliest safe moment; the latest-ending one when several are.
 */
export function blockingPesticide(
  history: readonly Pick<TraceEvent, 'type' | 'time'>[],
  harvestTime: string,
): { name: string; safeFrom: string } | undefined {
  let blocking: { name: string; safeFrom: string } | undefined;
  const harvestMs = Date.parse(harvestTime);
  for (const event of history as readonly TraceEventData[]) {
    if (event.type !== 'input' || event.input.kind !== 'pesticide') continue;
    const days = event.input.preHarvestIntervalDays ?? 0;
    const safeMs = Date.parse(event.time) + days * DAY_MS;
    if (safeMs > harvestMs && (!blocking || safeMs > Date.parse(blocking.safeFrom)))
      blocking = { name: event.input.name, safeFrom: new Date(safeMs).toISOString() };
  }
  return blocking;
}

export function assertHarvestAllowed(
  history: readonly Pick<TraceEvent, 'type' | 'time'>[],
  harvestTime: string,
) {
  const blocking = blockingPesticide(history, harvestTime);
  if (!blocking) return;
  throw new DomainError(
    'unprocessable',
    'pre_harvest_interval',
    {
      vi: `Chưa hết thời gian cách ly của thuốc "${blocking.name}": chỉ được thu hoạch từ ngày ${traceDate(blocking.safeFrom)}.`,
      en: `The pre-harvest interval of "${blocking.name}" has not passed: harvest is safe from ${blocking.safeFrom.slice(0, 10)} (${traceDate(blocking.safeFrom)}).`,
    },
    { details: { input: blocking.name, safeFrom: blocking.safeFrom } },
  );
}
