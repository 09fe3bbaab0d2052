/** Market days are Vietnamese calendar days (UTC+7, no daylight saving). */
const OFFSET_MS = 7 * 3600 * 1000;

/** `2026-11-23` for an instant, in Asia/Ho_Chi_Minh. */
export const vietnamDay = (iso: string | Date): string =>
  new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** Hour of day 0–23 in Asia/Ho_Chi_Minh. */
export const vietnamHour = (iso: string): number =>
  new Date(new Date(iso).getTime() + OFFSET_MS).getUTCHours();
