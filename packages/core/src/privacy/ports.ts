/** What the personal-data use-cases need from storage (packages/db implements these). */
import type { ConsoleAuditEntry } from '../admin/model.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Stall } from '../markets/model.ts';
import type { ConsentEvidence, ConsentRecord } from './model.ts';

export interface PrivacyStore {
  listConsents(userId: string): Promise<ConsentRecord[]>;
  getConsent(userId: string, consentId: string): Promise<ConsentRecord | undefined>;
  getEvidence(userId: string, consentId: string): Promise<ConsentEvidence | undefined>;
  /** The consent marked withdrawn (only if still given), the profile's next version, the audit: one transaction. */
  withdrawConsent(write: {
    readonly consent: ConsentRecord;
    readonly profile: UserProfile;
    readonly expectedVersion: number;
    readonly audit: ConsoleAuditEntry;
  }): Promise<'withdrawn' | 'stale'>;
  /**
   * Erasure, one transaction: the anonymised profile (only if still `expectedVersion`), each stall the person
   * held emptied (only if they still hold it), their payment accounts retired, their payout account removed,
   * their helper listings under stalls removed, the audit entry.
   */
  erase(write: {
    readonly profile: UserProfile;
    readonly expectedVersion: number;
    readonly vacated: readonly Stall[];
    readonly retiredAccounts: readonly { readonly vendorId: string; readonly accountId: string }[];
    readonly helperOfStalls: readonly string[];
    readonly audit: ConsoleAuditEntry;
  }): Promise<'erased' | 'stale'>;
}
