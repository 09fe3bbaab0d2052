/** What the books use-cases need from storage (packages/db implements these). */
import type { UserRepository } from '../identity/profile.ts';
import type { LedgerEntry, Market, Stall } from '../markets/model.ts';
import type { BusinessAccount } from './bank-accounts.ts';
import type { SalesRecordSource } from './sales-record.ts';

export interface BooksDeps {
  readonly users: UserRepository;
  /** Every reader of sales (bank money on stalls, paid orders; cash sales when the sell screen records them). */
  readonly sources: readonly SalesRecordSource[];
  readonly accounts: { accountsOf(householdId: string): Promise<BusinessAccount[]> };
  /** Where a household trades: its stalls and markets (for the book's header). */
  readonly places: { stallsOf(householdId: string): Promise<Array<{ stall: Stall; market?: Market }>> };
  readonly clock: { now(): Date };
}

/** The market side, for aggregates a manager or the province may see. */
export interface MarketTakings {
  getMarket(id: string): Promise<Market | undefined>;
  listMarkets(): Promise<Market[]>;
  ledgerOfMarketDay(marketId: string, day: string): Promise<LedgerEntry[]>;
}

/** The platform's sellers of online orders, for the seller report the tax authority receives. */
export interface OnlineSellers {
  /** Ids of every farmer who has (or had) a listing on the platform. */
  listSellerIds(): Promise<string[]>;
}
