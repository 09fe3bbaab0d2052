import type { Actor } from '../identity/user.ts';
import type { AuditAction, AuditTargetKind, ConsoleAuditEntry } from './model.ts';
import type { ConsoleDeps } from './ports.ts';

/** Builds an audit entry for a change made now by `actor` (or by a command: `system:<name>`). */
export function auditEntry(
  deps: Pick<ConsoleDeps, 'clock' | 'newId'>,
  actorId: string,
  action: AuditAction,
  target: { kind: AuditTargetKind; id: string },
  before: Readonly<Record<string, unknown>> | null,
  after: Readonly<Record<string, unknown>> | null,
): ConsoleAuditEntry {
  return { id: deps.newId(), at: deps.clock.now().toISOString(), actorId, action, target, before, after };
}

export const actorIdOf = (actor: Actor): string => actor.userId;
