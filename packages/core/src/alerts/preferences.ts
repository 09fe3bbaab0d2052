/**
 * Each person's choices: which alerts go to which channel, and quiet hours (Vietnamese time) during which
 * nothing rings: SMS and Zalo messages wait until the quiet hours end; a web push arrives silently.
 */
import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';
import { type AlertKind, alertKinds } from './events.ts';

export const alertChannels = ['sms', 'push', 'zalo'] as const;
export type AlertChannelName = (typeof alertChannels)[number];

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, bilingual('Giờ viết dạng 21:00.', 'Time as HH:MM, e.g. 21:00.'));

const kindChoice = z.strictObject({ sms: z.boolean(), push: z.boolean(), zalo: z.boolean() });

export const alertPreferencesSchema = z.strictObject({
  kinds: z.strictObject(
    Object.fromEntries(alertKinds.map((kind) => [kind, kindChoice])) as Record<AlertKind, typeof kindChoice>,
  ),
  quietHours: z
    .strictObject({ from: clock, to: clock })
    .refine(
      (q) => q.from !== q.to,
      bilingual('Giờ bắt đầu và kết thúc phải khác nhau.', 'Start and end must differ.'),
    )
    .nullable(),
});
export type AlertPreferences = z.infer<typeof alertPreferencesSchema>;

/** Until a person chooses: every alert by SMS and push, Zalo where it is switched on; quiet 21:00–06:00. */
export const defaultAlertPreferences: AlertPreferences = {
  kinds: Object.fromEntries(
    alertKinds.map((kind) => [kind, { sms: true, push: true, zalo: true }]),
  ) as AlertPreferences['kinds'],
  quietHours: { from: '21:00', to: '06:00' },
};

const OFFSET_MS = 7 * 3600 * 1000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the quiet hours around `at` end (UTC ISO), or undefined if `at` is not in them. A span that crosses
 * midnight (21:00–06:00) ends on the next morning.
 */
export function quietUntil(quiet: AlertPreferences['quietHours'], at: Date): string | undefined {
  if (!quiet) return undefined;
  const local = new Date(at.getTime() + OFFSET_MS);
  const now = local.getUTCHours() * 60 + local.getUTCMinutes();
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return undefined;
  const end = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate(), 0, to));
  if (end.getTime() <= local.getTime()) end.setUTCDate(end.getUTCDate() + 1);
  return new Date(end.getTime() - OFFSET_MS).toISOString();
}
