/** What onboarding's use-cases need beyond the console's ports (packages/db implements these). */
import type { ConsoleAuditEntry } from '../admin/model.ts';
import type { ConsoleDeps, PersonWrite } from '../admin/ports.ts';
import type { UserProfile } from '../identity/profile.ts';
import type { Market, PaymentAccount, Stall } from '../markets/model.ts';
import type { ConsentEvidence, ConsentRecord } from '../privacy/model.ts';
import type { StandeeVerdict } from './standee-check.ts';

/** A family member a vendor brought in to help at one stall (listed under the stall). */
export interface StallHelperLink {
  readonly stallId: string;
  /** The vendor they help: the link (like the grant) counts only while this vendor holds the stall. */
  readonly vendorId: string;
  readonly helperId: string;
  readonly name: string;
  readonly phone: string;
  readonly addedAt: string;
  readonly addedBy: string;
}

export interface OnboardingStore {
  getMarket(id: string): Promise<Market | undefined>;
  getStall(id: string): Promise<Stall | undefined>;
  listStallsOfMarket(marketId: string): Promise<Stall[]>;
  listAccounts(vendorId: string): Promise<PaymentAccount[]>;
  /**
   * The stall's new vendor, only while the stall is still vacant, with the person's write and the audit
   * entry: one transaction.
   */
  assignStall(write: {
    readonly stall: Stall;
    readonly person?: PersonWrite;
    readonly audit: ConsoleAuditEntry;
  }): Promise<'assigned' | 'taken' | 'person_stale'>;
  /** The stall emptied, only if `vendorId` still holds it, with the audit entry: one transaction. */
  vacateStall(write: {
    readonly stall: Stall;
    readonly vendorId: string;
    readonly audit: ConsoleAuditEntry;
  }): Promise<'vacated' | 'changed'>;
  /**
   * Each stall's standee marked printed for its account, only where the stall still pays that account;
   * returns how many were marked (the audit entry is written when any were).
   */
  markStandeesPrinted(
    printed: readonly { readonly stallId: string; readonly accountId: string }[],
    at: string,
    audit: ConsoleAuditEntry,
  ): Promise<number>;
  /** The helper's profile (new, or its next version), the link under the stall, the audit: one transaction. */
  addStallHelper(write: {
    readonly person: PersonWrite;
    readonly link: StallHelperLink;
  }): Promise<'added' | 'stale'>;
  /** The helper's next profile (grant removed), the link deleted, the audit: one transaction. */
  removeStallHelper(write: {
    readonly person: UserProfile;
    readonly expectedVersion: number;
    readonly stallId: string;
    readonly audit: ConsoleAuditEntry;
  }): Promise<'removed' | 'stale'>;
  listStallHelpers(stallId: string): Promise<StallHelperLink[]>;
}

/** A household's account waiting for the code texted to its phone (TTL: expires by itself). */
export interface HouseholdRequest {
  readonly id: string;
  readonly helperId: string;
  readonly name: string;
  readonly phone: string;
  readonly province: string;
  readonly commune: string;
  /** SHA-256 of the code; the code itself is never stored. */
  readonly codeHash: string;
  readonly attempts: number;
  readonly expiresAt: string;
}

export interface HouseholdStore {
  putRequest(request: HouseholdRequest): Promise<void>;
  getRequest(id: string): Promise<HouseholdRequest | undefined>;
  /** One more failed code, only if the count is still `seen` (so parallel guesses cannot share a try). */
  countFailure(id: string, seen: number): Promise<void>;
  /**
   * The household's profile (new, or its next version), its consent record and evidence, the audit entry,
   * and the request consumed (only if its attempts are still as read): one transaction.
   */
  register(write: {
    readonly person: PersonWrite;
    readonly consent: ConsentRecord;
    readonly evidence?: ConsentEvidence;
    readonly request?: { readonly id: string; readonly attempts: number };
  }): Promise<'registered' | 'stale'>;
  /** Consents a helper recorded, newest first. */
  listRegisteredBy(helperId: string, limit: number): Promise<ConsentRecord[]>;
}

/** A manager's walk through a market checking standees (decision 0823). */
export interface StandeeRound {
  readonly id: string;
  readonly marketId: string;
  readonly startedBy: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
}

/** A stall's latest verdict in a round (checking again replaces it). */
export interface StandeeCheck {
  readonly roundId: string;
  readonly stallId: string;
  readonly stallCode: string;
  readonly verdict: StandeeVerdict;
  readonly at: string;
  readonly checkedBy: string;
  /** What the scanned QR paid, masked (`VCB ••••1234`). */
  readonly found?: string;
}

export interface RoundStore {
  putRound(round: StandeeRound): Promise<void>;
  getRound(id: string): Promise<StandeeRound | undefined>;
  listRounds(marketId: string, limit: number): Promise<StandeeRound[]>;
  /** The stall's verdict in the round, replacing an earlier one, only while the round is open. */
  putCheck(check: StandeeCheck): Promise<void>;
  listChecks(roundId: string): Promise<StandeeCheck[]>;
  /** The round closed (only if still open) with its audit entry: one transaction. */
  finishRound(round: StandeeRound, audit: ConsoleAuditEntry): Promise<'finished' | 'finished_already'>;
}

export interface OnboardingDeps extends ConsoleDeps {
  readonly onboarding: OnboardingStore;
  readonly households: HouseholdStore;
  readonly rounds: RoundStore;
}
