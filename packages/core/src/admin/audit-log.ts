import * as z from 'zod';
import { assertAdmin } from '../access/rules.ts';
import type { Actor } from '../identity/user.ts';
import { toCsv } from '../markets/figures.ts';
import { vietnamDay } from '../markets/time.ts';
import type { ConsoleAuditEntry } from './model.ts';
import type { ConsoleDeps } from './ports.ts';

export const auditQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  target: z.string().trim().max(60).optional(),
});

/** One month of the console's changes (this month by default), newest first; optionally of one record. */
export async function listAudit(
  deps: Pick<ConsoleDeps, 'console' | 'clock'>,
  actor: Actor,
  raw: unknown,
): Promise<{ month: string; entries: ConsoleAuditEntry[] }> {
  assertAdmin(actor);
  const query = auditQuery.parse(raw);
  const month = query.month ?? vietnamDay(deps.clock.now().toISOString()).slice(0, 7);
  const entries = await deps.console.listAudit({
    month,
    ...(query.target ? { targetId: query.target } : {}),
  });
  return { month, entries };
}

/** The month's audit as CSV (UTF-8 with BOM so Excel reads Vietnamese): one line per change. */
export function auditCsv(entries: readonly ConsoleAuditEntry[]): string {
  const json = (value: unknown) => (value === null ? '' : JSON.stringify(value));
  return `\uFEFF${toCsv(
    ['at', 'actor', 'action', 'target_kind', 'target_id', 'before', 'after'],
    entries.map((entry) => [
      entry.at,
      entry.actorId,
      entry.action,
      entry.target.kind,
      entry.target.id,
      json(entry.before),
      json(entry.after),
    ]),
  )}`;
}
