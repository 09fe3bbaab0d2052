/** The 4.0-markets entities as stored and returned (money integer VND, times UTC ISO). */

import type { Unit } from '../catalog/units.ts';
import type { BankProvider, VerifiedPayment } from './bank-notifications.ts';

export interface Market {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly province: string;
  readonly commune: string;
  /**
   * The market board's account holder (the fee account's owner, whose review queue holds unmatched fee
   * payments). Who *manages* a market is a grant on the person (decision 0800), not this field.
   * Absent on markets made in the console until a board account is connected.
   */
  readonly managerId?: string;
  readonly monthlyStallFeeVnd: number;
  /** Set by the province console (decision 0800): absent means open, as on markets made before it. */
  readonly status?: 'open' | 'closed';
  /** Bumped on every console edit (compare-and-set). */
  readonly version?: number;
}

export interface Stall {
  readonly id: string;
  readonly marketId: string;
  /** Public, printed on the standee and carried in 62.08 of its static QR, e.g. `TD-A01`. */
  readonly code: string;
  readonly zone: string;
  readonly number: string;
  readonly vendorId: string;
  readonly vendorName: string;
  readonly goods: string;
  /** The payment account the stall's QR pays into; none = no active QR. */
  readonly accountId?: string;
  /** The console's zone (its name is `zone`); absent on stalls made before zones were items. */
  readonly zoneId?: string;
  /** This stall's monthly fee where it differs from the market's (an import row's fee). */
  readonly monthlyFeeVnd?: number;
  /**
   * The bank account given for the vendor at import, not confirmed by the vendor: nothing pays into it
   * until they confirm it through the account-change flow (issue #13.4).
   */
  readonly declaredAccount?: { readonly bin: string; readonly accountNumber: string };
  /** The account whose standee was last printed for this stall: a standee is due while it differs from `accountId`. */
  readonly standeeAccountId?: string;
  readonly standeePrintedAt?: string;
}

export interface PaymentAccount {
  readonly id: string;
  readonly vendorId: string;
  readonly bin: string;
  readonly accountNumber: string;
  readonly holderName: string;
  /** The notification channel (provider connection) this account reports through. */
  readonly provider: BankProvider;
  readonly channelId: string;
  readonly status: 'active' | 'retired';
  readonly createdAt: string;
}

/** Looked up by the webhook route's `{channel}`: which account a notification speaks for. */
export interface Channel {
  readonly id: string;
  readonly provider: BankProvider;
  readonly vendorId: string;
  readonly accountId: string;
  readonly bin: string;
  readonly accountNumber: string;
  /** Set on a market board's own channel: money in is stall fees, not a vendor's takings. */
  readonly marketId?: string;
}

/** open: nothing yet; underpaid: money arrived but not enough (the till warns); paid: covered. */
export type SaleStatus = 'open' | 'underpaid' | 'paid';

/** How the buyer pays: a dynamic VietQR (`qr`, the default of older sales) or notes handed over (`cash`). */
export type SaleMethod = 'qr' | 'cash';

/** One line of a sale: what, how much of it (in its unit, decimals allowed), at what unit price. */
export interface SaleLine {
  readonly name: string;
  readonly unit: Unit;
  readonly quantity: number;
  readonly unitPriceVnd: number;
  /** quantity × unit price, rounded to the đồng; the sale's amount is the sum of its lines. */
  readonly lineTotalVnd: number;
}

export interface Sale {
  readonly id: string;
  /** Short code in 62.08 of the sale's dynamic QR, e.g. `BH7K3M9Q`; the balance QR carries it too. */
  readonly code: string;
  readonly stallId: string;
  readonly marketId: string;
  readonly vendorId: string;
  readonly amountVnd: number;
  readonly status: SaleStatus;
  readonly createdAt: string;
  /** Sum of the transfers credited to this sale (absent on sales made before part-payments). */
  readonly receivedVnd?: number;
  readonly payments?: number;
  readonly paidAt?: string;
  /** Everything received when the sale became paid (≥ amountVnd; more = surplus shown to the vendor). */
  readonly paidAmountVnd?: number;
  readonly paidTransactionId?: string;
  /** Absent on sales made before cash sales existed: those are QR sales. */
  readonly method?: SaleMethod;
  readonly lines?: readonly SaleLine[];
}

/** What a sale has received so far, whichever shape it was stored in. */
export const saleReceivedVnd = (sale: Sale): number => sale.receivedVnd ?? sale.paidAmountVnd ?? 0;

export type CreditVia = 'sale' | 'stall_code' | 'sole_stall' | 'review';

/** One credited payment on a stall's ledger: the ledger is exactly the sum of these. */
export interface LedgerEntry {
  readonly id: string;
  readonly stallId: string;
  readonly marketId: string;
  readonly vendorId: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly via: CreditVia;
  readonly saleCode?: string;
  /** With `saleCode`: the sale's bill and what it had received once this payment counted. */
  readonly saleAmountVnd?: number;
  readonly saleReceivedVnd?: number;
  readonly provider: BankProvider;
  readonly providerTransactionId: string;
  readonly receivedAt: string;
  readonly creditedAt: string;
}

export type ReviewReason = 'no_stall' | 'ambiguous';

export interface ReviewItem {
  readonly id: string;
  readonly vendorId: string;
  readonly accountId: string;
  readonly payment: VerifiedPayment;
  readonly reason: ReviewReason;
  /** assigned: credited to a stall (or a fee); refund: the owner rejected it, a refund case holds it. */
  readonly status: 'open' | 'assigned' | 'refund';
  readonly createdAt: string;
  readonly assignedStallId?: string;
  /** Set when the payment was assigned as a stall's monthly fee (a market board's account). */
  readonly assignedFeeMonth?: string;
  readonly assignedBy?: string;
  readonly assignedAt?: string;
}

export interface AuditEntry {
  readonly id: string;
  readonly vendorId: string;
  readonly actorId: string;
  readonly action:
    | 'account_change_requested'
    | 'account_change_confirmed'
    | 'account_change_failed'
    | 'review_assigned';
  readonly at: string;
  /** Masked facts only (never a full account number). */
  readonly details: Readonly<Record<string, string>>;
}

/** What a stall has paid towards one month's fee (payments add up; partial payments count). */
export interface StallFee {
  readonly stallId: string;
  readonly marketId: string;
  /** `2026-11` (Vietnamese calendar month). */
  readonly month: string;
  readonly paidVnd: number;
  readonly payments: number;
}

/**
 * One payment towards a stall's monthly fee: the fee item's `paidVnd` is exactly the sum of these
 * (written in the same transaction). Never on the vendor's till: this is the board's money.
 */
export interface FeeLedgerEntry {
  readonly id: string;
  readonly stallId: string;
  readonly marketId: string;
  readonly month: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly via: 'fee_code' | 'review';
  readonly provider: BankProvider;
  readonly providerTransactionId: string;
  readonly receivedAt: string;
  readonly recordedAt: string;
  readonly reviewId?: string;
  readonly assignedBy?: string;
}

/** Whose account a change is for: a market vendor's (stalls) or a farmer's (marketplace payouts). */
export type AccountOwnerRole = 'vendor' | 'farmer';

export interface PendingAccountChange {
  readonly id: string;
  /** The owner's user id (a vendor's or, with `owner: 'farmer'`, a farmer's). */
  readonly vendorId: string;
  readonly bin: string;
  readonly accountNumber: string;
  readonly holderName: string;
  readonly provider: BankProvider;
  /** SHA-256 of the one-time code sent to the vendor's registered phone. */
  readonly codeHash: string;
  readonly expiresAt: string;
  readonly requestedBy: string;
  /** Absent on vendors' changes (and on items written before farmers had this flow). */
  readonly owner?: 'farmer';
}

export const maskAccountNumber = (accountNumber: string): string => `••••${accountNumber.slice(-4)}`;
