/** What the markets use-cases need from the outside world (packages/db and functions implement these). */
import type { PayoutAccount } from '../marketplace/payout-account.ts';
import type { RefundCase } from '../refunds/model.ts';
import type { VerifiedPayment } from './bank-notifications.ts';
import type {
  AuditEntry,
  Channel,
  FeeLedgerEntry,
  LedgerEntry,
  Market,
  PaymentAccount,
  PendingAccountChange,
  ReviewItem,
  Sale,
  Stall,
  StallFee,
} from './model.ts';
import type { TillConnection, TillTicket } from './till.ts';

/** A transfer counted towards a sale: written only if the sale still has `receivedBefore` (as read). */
export interface SaleCredit {
  readonly code: string;
  readonly receivedBefore: number;
  readonly receivedAfter: number;
  readonly settled: boolean;
}

export interface CreditWrite {
  readonly payment: VerifiedPayment;
  readonly entry: LedgerEntry;
  readonly sale?: SaleCredit;
  /** Resolving a review item in the same transaction. */
  readonly reviewId?: string;
}

export type CreditResult = 'recorded' | 'duplicate' | 'sale_taken' | 'review_taken' | 'contention';

export interface MarketsStore {
  getMarket(id: string): Promise<Market | undefined>;
  listMarkets(): Promise<Market[]>;
  getStall(id: string): Promise<Stall | undefined>;
  listStallsOfMarket(marketId: string): Promise<Stall[]>;
  listStallsOfVendor(vendorId: string): Promise<Stall[]>;
  getChannel(id: string): Promise<Channel | undefined>;
  /** Every channel of one provider (the missed-notification poll walks them). */
  listChannels(provider: string): Promise<Channel[]>;
  getAccount(vendorId: string, accountId: string): Promise<PaymentAccount | undefined>;
  listAccounts(vendorId: string): Promise<PaymentAccount[]>;

  putSale(sale: Sale): Promise<void>;
  getSale(code: string): Promise<Sale | undefined>;
  listOpenSalesOfVendor(vendorId: string): Promise<Sale[]>;
  listSalesOfStall(stallId: string, day: string): Promise<Sale[]>;

  /** Payment idempotency item + ledger entry + stall-day totals (+ sale, + review) in one transaction. */
  recordCredit(write: CreditWrite): Promise<CreditResult>;
  /** Payment idempotency item + review item in one transaction. */
  recordReview(
    payment: VerifiedPayment,
    review: ReviewItem,
  ): Promise<'recorded' | 'duplicate' | 'contention'>;
  /** Payment idempotency item + `ADD` on the stall-month fee item, one transaction. */
  recordFee(
    payment: VerifiedPayment,
    fee: { stallId: string; marketId: string; month: string },
  ): Promise<'recorded' | 'duplicate' | 'contention'>;
  listFeesOfMarketMonth(marketId: string, month: string): Promise<StallFee[]>;
  /**
   * A queued payment becomes a stall's monthly fee, one transaction: payment attribution
   * (`review` → fee), review item closed (leaves the queue), `ADD` on the stall-month fee item,
   * fee ledger entry. Any condition failing means someone already assigned it.
   */
  assignFeeReview(input: {
    review: ReviewItem;
    fee: { stallId: string; marketId: string; month: string };
    assignedBy: string;
    assignedAt: string;
  }): Promise<'recorded' | 'already_assigned' | 'contention'>;
  feeLedgerOfStall(stallId: string, month?: string): Promise<FeeLedgerEntry[]>;
  /**
   * The owner rejects a queued payment, one transaction: payment attribution (`review` → refund),
   * review closed (`refund`, leaves the queue), refund case opened. Any condition failing = already handled.
   */
  refundReview(input: {
    review: ReviewItem;
    refund: RefundCase;
  }): Promise<'recorded' | 'already_handled' | 'contention'>;
  getReview(id: string): Promise<ReviewItem | undefined>;
  listOpenReviewsOfVendor(vendorId: string): Promise<ReviewItem[]>;

  ledgerOfStall(stallId: string, day?: string): Promise<LedgerEntry[]>;
  ledgerOfMarketDay(marketId: string, day: string): Promise<LedgerEntry[]>;
  /** Entries credited to the vendor's stalls after `afterCreditedAt` (the live till's feed). */
  tillFeed(vendorId: string, afterCreditedAt: string): Promise<LedgerEntry[]>;
  stallDayTotal(stallId: string, day: string): Promise<{ count: number; totalVnd: number }>;

  /** Live till on AWS: one-time connect tickets (stored hashed) and open WebSocket connections. */
  putTillTicket(ticket: TillTicket): Promise<void>;
  /** Deletes the ticket if it exists and has not expired; its vendor, or undefined. Usable once. */
  redeemTillTicket(ticketHash: string, now: string): Promise<string | undefined>;
  putTillConnection(connection: TillConnection): Promise<void>;
  deleteTillConnection(connectionId: string): Promise<void>;
  tillConnectionsOfVendor(vendorId: string): Promise<TillConnection[]>;

  putPendingAccountChange(change: PendingAccountChange): Promise<void>;
  getPendingAccountChange(vendorId: string, id: string): Promise<PendingAccountChange | undefined>;
  /**
   * New account + channel, stalls repointed, old account retired, change consumed, audit (and, for a
   * farmer, the payout account orders pay to) — one transaction.
   */
  replaceAccount(input: {
    change: PendingAccountChange;
    account: PaymentAccount;
    channel: Channel;
    retiredAccountIds: readonly string[];
    stallIds: readonly string[];
    payout?: PayoutAccount;
    audit: AuditEntry;
  }): Promise<'replaced' | 'already_used'>;
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(vendorId: string): Promise<AuditEntry[]>;
}

/** Channel secrets: Secrets Manager on AWS, a mode-600 file in local mode. Never logged or returned. */
export interface ChannelSecrets {
  secretFor(channelId: string): Promise<string | undefined>;
  /** The token of the provider's transaction API for this channel (the missed-notification poll). */
  apiTokenFor(channelId: string): Promise<string | undefined>;
  /** Creates (or returns the existing) secret of a new channel. */
  create(channelId: string): Promise<void>;
}

export interface SecurityLog {
  warn(message: string, facts: Record<string, string>): void;
}

/** One structured line per notification outcome (ids, amounts and outcome only: never secrets or account numbers). */
export interface OutcomeLog {
  info(message: string, facts: Record<string, string | number>): void;
}

/** Sends the account-change code to the owner's (vendor's or farmer's) registered phone. */
export interface CodeSender {
  send(ownerId: string, code: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}
