/**
 * Payments nobody could attribute wait here until the vendor (or their market's manager) says
 * which stall they belong to; assigning credits the stall in one transaction with closing the item.
 */

import { ulid } from 'ulid';
import * as z from 'zod';
import { conflict, forbidden, notFound, storeBusy } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import { openRefundCase } from '../refunds/model.ts';
import { isAdmin, managesMarket } from './access.ts';
import type { ReviewItem } from './model.ts';
import type { Clock, MarketsStore } from './ports.ts';
import { ledgerEntryFor } from './receive-payment.ts';

export const assignReviewInput = z.object({ stallId: z.string().min(1).max(40) });

const REVIEW = { vi: 'giao dịch chờ xử lý', en: 'review item' };

async function mayHandle(store: MarketsStore, actor: Actor, vendorId: string): Promise<boolean> {
  // The account's owner: a vendor, or a market board (its fee account) for unmatched fee payments.
  if (isAdmin(actor) || actor.userId === vendorId) return true;
  if (!actor.roles.includes('market_manager')) return false;
  const stalls = await store.listStallsOfVendor(vendorId);
  const markets = await Promise.all(
    [...new Set(stalls.map((stall) => stall.marketId))].map((id) => store.getMarket(id)),
  );
  return markets.some((market) => market !== undefined && managesMarket(actor, market));
}

export async function listReviewQueue(
  store: MarketsStore,
  actor: Actor,
  vendorId: string,
): Promise<ReviewItem[]> {
  if (!(await mayHandle(store, actor, vendorId))) throw forbidden();
  return store.listOpenReviewsOfVendor(vendorId);
}

export async function assignReview(
  deps: { store: MarketsStore; clock: Clock },
  actor: Actor,
  reviewId: string,
  input: z.infer<typeof assignReviewInput>,
) {
  const review = await deps.store.getReview(reviewId);
  if (!review) throw notFound(REVIEW);
  if (!(await mayHandle(deps.store, actor, review.vendorId))) throw forbidden();
  const stall = await deps.store.getStall(input.stallId);
  // Money sent to a vendor's account can only land on that vendor's own stall.
  if (!stall || stall.vendorId !== review.vendorId)
    throw notFound({ vi: 'sạp của người bán này', en: "this vendor's stall" });
  if (review.status !== 'open')
    throw conflict('already_assigned', { vi: 'Giao dịch đã được gán.', en: 'Already assigned.' });
  const entry = ledgerEntryFor(
    review.payment,
    { kind: 'stall', stall, via: 'sole_stall' },
    deps.clock.now().toISOString(),
  );
  const result = await deps.store.recordCredit({
    payment: review.payment,
    entry: { ...entry, via: 'review' },
    reviewId: review.id,
  });
  if (result !== 'recorded')
    throw conflict('already_assigned', { vi: 'Giao dịch đã được gán.', en: 'Already assigned.' });
  return { reviewId: review.id, stallId: stall.id, amountVnd: review.payment.amountVnd };
}

const alreadyHandled = () =>
  conflict('already_assigned', { vi: 'Giao dịch đã được xử lý.', en: 'Already handled.' });

/**
 * The account's owner says a queued payment is not theirs: it becomes a refund case (decision 0706),
 * visible to them, to their market's manager and to admins, until the money goes back.
 */
export async function rejectReview(
  deps: { store: MarketsStore; clock: Clock },
  actor: Actor,
  reviewId: string,
) {
  const review = await deps.store.getReview(reviewId);
  if (!review || !(await mayHandle(deps.store, actor, review.vendorId))) throw notFound(REVIEW);
  // Only whoever holds the money can decide it goes back.
  if (review.vendorId !== actor.userId) throw forbidden();
  if (review.status !== 'open') throw alreadyHandled();
  const channel = await deps.store.getChannel(review.payment.channelId);
  const stalls = await deps.store.listStallsOfVendor(review.vendorId);
  const marketId =
    channel?.marketId ??
    stalls.find((stall) => stall.accountId === review.accountId)?.marketId ??
    stalls[0]?.marketId;
  const at = deps.clock.now().toISOString();
  const refund = openRefundCase({
    id: ulid(),
    ownerId: review.vendorId,
    ownerRole: channel?.marketId ? 'market' : 'vendor',
    ...(marketId ? { marketId } : {}),
    reviewId: review.id,
    amountVnd: review.payment.amountVnd,
    reason: 'rejected_by_owner',
    ...(review.payment.payer ? { payer: review.payment.payer } : {}),
    payment: {
      provider: review.payment.provider,
      providerTransactionId: review.payment.providerTransactionId,
      receivedAt: review.payment.receivedAt,
    },
    fromAccount: review.payment.receivingAccount,
    at,
    by: actor.userId,
  });
  for (let attempt = 0; attempt < 5; attempt++) {
    const result = await deps.store.refundReview({ review, refund });
    if (result === 'recorded') return refund;
    if (result === 'already_handled') throw alreadyHandled();
  }
  throw storeBusy();
}
