/** What the console's use-cases need from outside (packages/db and functions implement these). */
import type { UserProfile } from '../identity/profile.ts';
import type { Role } from '../identity/roles.ts';
import type { Market, Stall } from '../markets/model.ts';
import type { SmsSender } from '../notify/sms.ts';
import type { ConsoleAuditEntry, Zone } from './model.ts';

export interface PeoplePage {
  readonly people: UserProfile[];
  /** Opaque; absent on the last page. */
  readonly cursor?: string;
}

/** People with their grants. Every change is one transaction with its audit entry. */
export interface PeopleStore {
  get(id: string): Promise<UserProfile | undefined>;
  getByPhone(phone: string): Promise<UserProfile | undefined>;
  /** Several profiles by id at once (the import's vendors); missing ids are absent from the map. */
  getMany(ids: readonly string[]): Promise<Map<string, UserProfile>>;
  list(options: { readonly cursor?: string; readonly limit: number }): Promise<PeoplePage>;
  /** The profile (only if no profile with this id exists) and its audit entry. */
  create(profile: UserProfile, audit: ConsoleAuditEntry): Promise<'created' | 'exists'>;
  /** The profile, only if its stored `version` is still `expectedVersion`, and its audit entry. */
  update(
    profile: UserProfile,
    expectedVersion: number,
    audit: ConsoleAuditEntry,
  ): Promise<'updated' | 'stale'>;
}

export interface ConsoleStore {
  getMarket(id: string): Promise<Market | undefined>;
  listMarkets(): Promise<Market[]>;
  getStall(id: string): Promise<Stall | undefined>;
  listStallsOfMarket(marketId: string): Promise<Stall[]>;
  /** The market, its unique code claim and the audit entry. */
  createMarket(market: Market, audit: ConsoleAuditEntry): Promise<'created' | 'code_taken'>;
  updateMarket(
    market: Market,
    expectedVersion: number,
    audit: ConsoleAuditEntry,
  ): Promise<'updated' | 'stale'>;
  listZones(marketId: string): Promise<Zone[]>;
  /** The zone, its name claim within the market and the audit entry. */
  createZone(zone: Zone, audit: ConsoleAuditEntry): Promise<'created' | 'name_taken'>;
  findStallByNumber(marketId: string, number: string): Promise<Stall | undefined>;
  /**
   * The stall, its number claim within the market, its public-code claim and the audit entry; with
   * `person`, the vendor's new profile (or their profile's new version) in the same transaction.
   */
  createStall(
    stall: Stall,
    audit: ConsoleAuditEntry,
    person?: PersonWrite,
  ): Promise<'created' | 'number_taken' | 'code_taken' | 'person_stale'>;
  /**
   * Several planned stalls (with their vendors) in one transaction: all or none. The import writes rows this
   * way (a transaction's cost is mostly fixed); on `conflict` it writes the same rows one by one.
   */
  createStalls(plans: readonly StallWrite[]): Promise<'created' | 'conflict'>;
  appendAudit(entry: ConsoleAuditEntry): Promise<void>;
  /** One month's entries (`2026-11`), newest first, optionally of one target. */
  listAudit(query: { readonly month: string; readonly targetId?: string }): Promise<ConsoleAuditEntry[]>;
}

export interface StallWrite {
  readonly stall: Stall;
  readonly audit: ConsoleAuditEntry;
  readonly person?: PersonWrite;
}

/** A person written together with a stall: created, or updated from `expectedVersion`. */
export type PersonWrite =
  | { readonly kind: 'create'; readonly profile: UserProfile; readonly audit: ConsoleAuditEntry }
  | {
      readonly kind: 'update';
      readonly profile: UserProfile;
      readonly expectedVersion: number;
      readonly audit: ConsoleAuditEntry;
    };

/**
 * The identity provider's side of a person: Cognito on AWS (AdminCreateUser, groups, enable/disable),
 * nothing but a derived id locally (the dev provider reads roles from the table).
 */
export interface IdentityDirectory {
  /** The provider's user id (token subject) for this phone, creating the user (no message sent) if new. */
  ensureUser(phone: string): Promise<string>;
  /** Mirrors the roles as the provider's groups, so the token's groups agree with the table. */
  syncRoles(user: { readonly id: string; readonly phone: string }, roles: readonly Role[]): Promise<void>;
  setEnabled(user: { readonly id: string; readonly phone: string }, enabled: boolean): Promise<void>;
  /** Removes the person from the provider (erasure, decision 0822): their phone may sign up afresh. */
  forget(user: { readonly id: string; readonly phone: string }): Promise<void>;
}

export interface ConsoleDeps {
  readonly people: PeopleStore;
  readonly console: ConsoleStore;
  readonly identity: IdentityDirectory;
  readonly sms: SmsSender;
  readonly clock: { now(): Date };
  readonly newId: () => string;
  /** Where invitations point (the storefront's sign-in page). */
  readonly siteUrl: string;
}
