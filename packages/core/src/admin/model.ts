/** The province console's own entities (markets and stalls are the markets area's, see ../markets/model.ts). */

export interface Zone {
  readonly id: string;
  readonly marketId: string;
  readonly name: string;
  readonly createdAt: string;
}

export const auditActions = [
  'admin_created',
  'market_created',
  'market_updated',
  'market_closed',
  'market_reopened',
  'zone_created',
  'stall_created',
  'person_invited',
  'grants_changed',
  'person_deactivated',
  'person_reactivated',
  'import_started',
  'import_finished',
  // A market's manager at work (decision 0820).
  'stall_assigned',
  'stall_vacated',
  'standees_printed',
  'stall_helper_added',
  'stall_helper_removed',
  'standee_round_finished',
  // Households through a helper and personal data (decisions 0821, 0822).
  'household_registered',
  'consent_withdrawn',
  'person_erased',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditTargetKind = 'market' | 'zone' | 'stall' | 'person' | 'import' | 'round';

/**
 * One change made through the console, the import or the first-admin command: who, what, when, and the
 * record before and after (never a full account number: those are masked before they get here).
 */
export interface ConsoleAuditEntry {
  readonly id: string;
  readonly at: string;
  readonly actorId: string;
  readonly action: AuditAction;
  readonly target: { readonly kind: AuditTargetKind; readonly id: string };
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}
