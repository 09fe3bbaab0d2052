/**
 * Money that cannot be credited and must go back to whoever sent it (decision 0706): a refund case,
 * visible to the account's owner, to the market's manager or an admin, and to the buyer of an order.
 */
import { randomInt } from 'node:crypto';
import type { BankProvider, Payer } from '../markets/bank-notifications.ts';

export const refundReasons = [
  /** Money for an order that was already closed (cancelled, expired) or already paid. */
  'order_closed',
  /** More than the order's total arrived: the surplus. */
  'order_overpaid',
  /** The farmer cancelled an order that held money (cannot fulfil it). */
  'order_cancelled',
  /** A partly paid order expired (decision 0604). */
  'order_expired',
  /** Unmatched money in the review queue that the account's owner says is not theirs. */
  'rejected_by_owner',
] as const;
export type RefundReason = (typeof refundReasons)[number];

export type RefundStatus = 'open' | 'refunded';

export interface RefundStep {
  readonly at: string;
  /** User id, or `bank:<provider>` when an outgoing transfer closed the case, or `system:…`. */
  readonly by: string;
  readonly action: 'opened' | 'refunded';
  readonly note?: string;
}

export interface RefundCase {
  readonly id: string;
  /** `HT` + 6 characters: the refund transfer's memo names the case, so its outgoing report closes it. */
  readonly code: string;
  /** Whose account holds the money (the farmer, the vendor, or the market board's manager). */
  readonly ownerId: string;
  readonly ownerRole: 'farmer' | 'vendor' | 'market';
  /** The market whose manager oversees it (vendor and board cases). */
  readonly marketId?: string;
  readonly orderId?: string;
  readonly orderCode?: string;
  readonly buyerId?: string;
  readonly reviewId?: string;
  readonly amountVnd: number;
  readonly reason: RefundReason;
  /** As far as the provider said (payOS counter-account fields; SePay sends none). */
  readonly payer?: Payer;
  /** The incoming transfer the money came with, when one transfer did. */
  readonly payment?: {
    readonly provider: BankProvider | string;
    readonly providerTransactionId: string;
    readonly receivedAt: string;
  };
  /** The owner's account the money sits in (an outgoing report from it closes the case). */
  readonly fromAccount: { readonly bin: string; readonly accountNumber: string };
  readonly status: RefundStatus;
  readonly createdAt: string;
  readonly closedAt?: string;
  readonly closedBy?: string;
  readonly closedVia?: 'outgoing_transfer' | 'owner_confirmed';
  /** The bank's reference of the refund transfer. */
  readonly bankReference?: string;
  /** Every step, in order: the case's audit trail. */
  readonly history: readonly RefundStep[];
}

// Crockford base32 without I, L, O, U (as sale codes): survives being read aloud and retyped.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFUND_CODE_PREFIX = 'HT';
export const newRefundCode = (): string => {
  let code = REFUND_CODE_PREFIX;
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
};
export const REFUND_CODE_PATTERN = /HT[0-9A-HJKMNP-TV-Z]{6}/;

export function openRefundCase(
  input: Omit<RefundCase, 'code' | 'status' | 'history' | 'createdAt'> & { at: string; by: string },
): RefundCase {
  const { at, by, ...rest } = input;
  return {
    ...rest,
    code: newRefundCode(),
    status: 'open',
    createdAt: at,
    history: [{ at, by, action: 'opened', note: rest.reason }],
  };
}
