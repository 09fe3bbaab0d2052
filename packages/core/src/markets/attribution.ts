/**
 * Which stall (and sale) a verified payment belongs to. The receiving account decides first: it
 * names the vendor, and a vendor with one stall on that account needs nothing more (the payment's account
 * was already checked against its channel: channel-accounts.ts). Then the memo,
 * through a chain of matchers tried in order; the first that is sure wins. Unsure → review queue.
 */
import type { IncomingPayment } from './bank-notifications.ts';
import { type MemoCandidate, matchMemo } from './memo.ts';
import {
  type Channel,
  type CreditVia,
  type ReviewReason,
  type Sale,
  type Stall,
  saleReceivedVnd,
} from './model.ts';

export type Attribution =
  | {
      readonly kind: 'stall';
      readonly stall: Stall;
      readonly via: Exclude<CreditVia, 'review'>;
      readonly sale?: Sale;
    }
  | { readonly kind: 'review'; readonly reason: ReviewReason };

export interface AttributionContext {
  readonly payment: IncomingPayment;
  readonly channel: Channel;
  /** Stalls whose QR pays into the channel's account. */
  readonly stalls: readonly Stall[];
  /** Open sales of those stalls. */
  readonly openSales: readonly Sale[];
}

/** One link of the chain: a sure attribution, or undefined to let the next matcher try. */
export type Matcher = (context: AttributionContext) => Attribution | undefined;

const saleMatcher: Matcher = ({ payment, stalls, openSales }) => {
  const candidates = openSales.map((sale) => ({
    kind: 'sale' as const,
    code: sale.code,
    // An underpaid sale's balance QR asks for what is still missing.
    amountVnd: sale.amountVnd - saleReceivedVnd(sale),
    sale,
  }));
  const match = matchMemo(payment.memo, candidates, payment.amountVnd);
  if (!match) return undefined;
  const stall = stalls.find((entry) => entry.id === match.candidate.sale.stallId);
  return stall ? { kind: 'stall', stall, via: 'sale', sale: match.candidate.sale } : undefined;
};

const stallCodeMatcher: Matcher = ({ payment, stalls }) => {
  const candidates: Array<MemoCandidate & { stall: Stall }> = stalls.map((stall) => ({
    kind: 'stall',
    code: stall.code,
    stall,
  }));
  const match = matchMemo(payment.memo, candidates);
  return match ? { kind: 'stall', stall: match.candidate.stall, via: 'stall_code' } : undefined;
};

const soleStallMatcher: Matcher = ({ stalls }) =>
  stalls.length === 1 && stalls[0] ? { kind: 'stall', stall: stalls[0], via: 'sole_stall' } : undefined;

export const defaultMatchers: readonly Matcher[] = [saleMatcher, stallCodeMatcher, soleStallMatcher];

export function attributePayment(
  context: AttributionContext,
  matchers: readonly Matcher[] = defaultMatchers,
): Attribution {
  if (context.stalls.length === 0) return { kind: 'review', reason: 'no_stall' };
  for (const matcher of matchers) {
    const found = matcher(context);
    if (found) return found;
  }
  return { kind: 'review', reason: 'ambiguous' };
}
