/**
 * A payment into a market board's account whose memo named no stall waits in the board's review
 * queue; the market's manager (or an admin) says which stall and month it pays the fee for.
 * Only the board's own account can pay fees: a vendor's takings never become a fee.
 */
import * as z from 'zod';
import { conflict, DomainError, forbidden, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { Actor } from '../identity/index.ts';
import { isAdmin, loadMarketFor, managesMarket } from './access.ts';
import type { Market, ReviewItem } from './model.ts';
import type { Clock, MarketsStore } from './ports.ts';
import { isFeeChannel, marketFees, vietnamMonth } from './stall-fees.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export const assignFeeReviewInput = z.object({
  stallId: z.string().min(1).max(40),
  month: z
    .string()
    .regex(MONTH, bilingual('Tháng có dạng NNNN-TT, ví dụ 2026-11.', 'A month looks like 2026-11.')),
});

/** A late fee may be settled up to a year back; paying next month's early is allowed. */
export const FEE_MONTHS_BACK = 12;
export const FEE_MONTHS_AHEAD = 1;

const monthIndex = (month: string): number => {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return year * 12 + (mon - 1);
};

export function isAssignableFeeMonth(month: string, now: Date): boolean {
  if (!MONTH.test(month)) return false;
  const offset = monthIndex(month) - monthIndex(vietnamMonth(now));
  return offset >= -FEE_MONTHS_BACK && offset <= FEE_MONTHS_AHEAD;
}

const REVIEW = { vi: 'giao dịch chờ xử lý', en: 'review item' };
const alreadyAssigned = () =>
  conflict('already_assigned', {
    vi: 'Giao dịch này đã được gán rồi, không ghi nhận lần nữa.',
    en: 'This payment has already been assigned; it is not counted again.',
  });

/** The market whose fee account a queued payment came in on; undefined = a vendor's own account. */
export async function feeMarketOfReview(
  store: MarketsStore,
  review: ReviewItem,
): Promise<Market | undefined> {
  const account = await store.getAccount(review.vendorId, review.accountId);
  const channel = account ? await store.getChannel(account.channelId) : undefined;
  if (!channel || !isFeeChannel(channel)) return undefined;
  return store.getMarket(channel.marketId);
}

/**
 * The market's open fee reviews (for its console). They sit under the board account's owner,
 * i.e. the manager who set up the account.
 */
export async function listFeeReviews(
  store: MarketsStore,
  actor: Actor,
  marketId: string,
): Promise<ReviewItem[]> {
  const market = await loadMarketFor(store, actor, marketId);
  if (!market.managerId) return [];
  const items = await store.listOpenReviewsOfVendor(market.managerId);
  const marketOfAccount = new Map<string, Promise<Market | undefined>>();
  const kept: ReviewItem[] = [];
  for (const item of items) {
    const key = `${item.vendorId}/${item.accountId}`;
    if (!marketOfAccount.has(key)) marketOfAccount.set(key, feeMarketOfReview(store, item));
    if ((await marketOfAccount.get(key))?.id === market.id) kept.push(item);
  }
  return kept;
}

const MAX_ATTEMPTS = 5;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function assignFeeReview(
  deps: { store: MarketsStore; clock: Clock },
  actor: Actor,
  reviewId: string,
  input: z.infer<typeof assignFeeReviewInput>,
) {
  const review = await deps.store.getReview(reviewId);
  if (!review) throw notFound(REVIEW);
  const market = await feeMarketOfReview(deps.store, review);
  if (!market) {
    // Only someone who may see every queue learns that this one is not a fee payment.
    if (!isAdmin(actor)) throw forbidden();
    throw new DomainError('unprocessable', 'not_a_fee_payment', {
      vi: 'Khoản này vào tài khoản của người bán, không phải tài khoản thu phí của chợ.',
      en: "This payment went to a vendor's account, not the market's fee account.",
    });
  }
  if (!managesMarket(actor, market)) throw forbidden();
  const stall = await deps.store.getStall(input.stallId);
  if (!stall || stall.marketId !== market.id)
    throw notFound({ vi: 'sạp của chợ này', en: "this market's stall" });
  const now = deps.clock.now();
  if (!isAssignableFeeMonth(input.month, now)) {
    throw new DomainError(
      'validation',
      'month_out_of_range',
      { vi: 'Tháng nộp phí không hợp lệ.', en: 'The fee month is not valid.' },
      {
        fields: [
          {
            path: 'body.month',
            code: 'month_out_of_range',
            message: {
              vi: `Chỉ gán cho tháng trong ${FEE_MONTHS_BACK} tháng trước đến ${FEE_MONTHS_AHEAD} tháng sau.`,
              en: `Only months from ${FEE_MONTHS_BACK} back to ${FEE_MONTHS_AHEAD} ahead.`,
            },
          },
        ],
      },
    );
  }
  if (review.status !== 'open') throw alreadyAssigned();
  const fee = { stallId: stall.id, marketId: market.id, month: input.month };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const result = await deps.store.assignFeeReview({
      review,
      fee,
      assignedBy: actor.userId,
      assignedAt: now.toISOString(),
    });
    if (result === 'already_assigned') throw alreadyAssigned();
    if (result === 'recorded') {
      const fees = await marketFees(deps, actor, market.id, input.month);
      const line = fees.lines.find((entry) => entry.stallId === stall.id);
      return {
        reviewId: review.id,
        stallId: stall.id,
        month: input.month,
        amountVnd: review.payment.amountVnd,
        paidVnd: line?.paidVnd ?? review.payment.amountVnd,
        owedVnd: line?.owedVnd ?? 0,
      };
    }
    // A fee payment for the same stall-month landed at the same instant: try again shortly.
    await pause(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
  }
  throw conflict('busy', { vi: 'Hệ thống đang bận, vui lòng thử lại.', en: 'Busy, please try again.' });
}
