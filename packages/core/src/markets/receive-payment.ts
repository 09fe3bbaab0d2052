/**
 * A bank notification arrives on `POST /webhooks/bank/{provider}/{channel}`: verify it with the
 * channel's own secret, attribute it, and record it exactly once (the payment item's conditional
 * put inside the same transaction as the credit is what makes a duplicate credit nothing).
 */
import { DomainError } from '../errors/domain-error.ts';
import { orderCodeFromMemo } from '../marketplace/order-code.ts';
import type { IncomingOrderPayment, OrderPaymentOutcome } from '../marketplace/payment-received.ts';
import { type Attribution, attributePayment, defaultMatchers, type Matcher } from './attribution.ts';
import { type BankProvider, type IncomingPayment, readBankNotification } from './bank-notifications.ts';
import type { Channel, LedgerEntry, ReviewItem } from './model.ts';
import type { ChannelSecrets, Clock, MarketsStore, SecurityLog } from './ports.ts';
import { isFeeChannel, matchFee, recentMonths } from './stall-fees.ts';

export interface ReceivePaymentDeps {
  readonly store: MarketsStore;
  readonly secrets: ChannelSecrets;
  readonly clock: Clock;
  readonly securityLog: SecurityLog;
  readonly newId: () => string;
  readonly matchers?: readonly Matcher[];
  /** The marketplace's `recordOrderPayment`, bound to its store: memos naming an order go there first. */
  readonly orderPayments?: (payment: IncomingOrderPayment) => Promise<OrderPaymentOutcome>;
}

export type ReceiveOutcome =
  | {
      readonly outcome: 'credited';
      readonly stallId: string;
      readonly via: string;
      readonly saleCode?: string;
    }
  | { readonly outcome: 'review'; readonly reviewId: string; readonly reason: string }
  | { readonly outcome: 'order'; readonly kind: OrderPaymentOutcome['kind']; readonly orderId?: string }
  | { readonly outcome: 'fee'; readonly stallId: string; readonly month: string }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'ignored'; readonly reason: string };

const refused = () =>
  new DomainError('unauthenticated', 'invalid_signature', {
    vi: 'Chữ ký thông báo không hợp lệ.',
    en: 'The notification signature is not valid.',
  });

const busy = () =>
  new DomainError('conflict', 'busy', {
    vi: 'Hệ thống đang bận, vui lòng gửi lại.',
    en: 'Busy, please retry the delivery.',
  });

/** How often a transaction that lost a race (not a duplicate) is retried before the provider is asked to retry. */
const MAX_ATTEMPTS = 8;

export function ledgerEntryFor(
  payment: IncomingPayment,
  found: Extract<Attribution, { kind: 'stall' }>,
  creditedAt: string,
): LedgerEntry {
  return {
    id: `${payment.provider}#${payment.providerTransactionId}`,
    stallId: found.stall.id,
    marketId: found.stall.marketId,
    vendorId: found.stall.vendorId,
    amountVnd: payment.amountVnd,
    memo: payment.memo,
    via: found.via,
    ...(found.sale ? { saleCode: found.sale.code } : {}),
    provider: payment.provider,
    providerTransactionId: payment.providerTransactionId,
    receivedAt: payment.receivedAt,
    creditedAt,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function creditPayment(
  deps: Omit<ReceivePaymentDeps, 'secrets' | 'securityLog'>,
  channel: Channel,
  payment: IncomingPayment,
): Promise<ReceiveOutcome> {
  const excludedSales = new Set<string>();
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (isFeeChannel(channel)) {
      const stalls = await deps.store.listStallsOfMarket(channel.marketId);
      const fee = matchFee(payment, stalls, recentMonths(deps.clock.now()));
      if (fee) {
        const result = await deps.store.recordFee(payment, {
          stallId: fee.stall.id,
          marketId: channel.marketId,
          month: fee.month,
        });
        if (result === 'recorded') return { outcome: 'fee', stallId: fee.stall.id, month: fee.month };
        if (result === 'duplicate') return { outcome: 'duplicate' };
        await pause(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
        continue;
      }
    }
    const stalls = (await deps.store.listStallsOfVendor(channel.vendorId)).filter(
      (stall) => stall.accountId === channel.accountId,
    );
    const stallIds = new Set(stalls.map((stall) => stall.id));
    const openSales = (await deps.store.listOpenSalesOfVendor(channel.vendorId)).filter(
      (sale) => stallIds.has(sale.stallId) && !excludedSales.has(sale.code),
    );
    const found = attributePayment({ payment, channel, stalls, openSales }, deps.matchers ?? defaultMatchers);
    const now = deps.clock.now().toISOString();
    if (found.kind === 'review') {
      const review: ReviewItem = {
        id: deps.newId(),
        vendorId: channel.vendorId,
        accountId: channel.accountId,
        payment,
        reason: found.reason,
        status: 'open',
        createdAt: now,
      };
      const result = await deps.store.recordReview(payment, review);
      if (result === 'recorded') return { outcome: 'review', reviewId: review.id, reason: found.reason };
      if (result === 'duplicate') return { outcome: 'duplicate' };
    } else {
      const entry = ledgerEntryFor(payment, found, now);
      const result = await deps.store.recordCredit({
        payment,
        entry,
        ...(found.sale ? { saleCode: found.sale.code } : {}),
      });
      if (result === 'recorded') {
        return {
          outcome: 'credited',
          stallId: found.stall.id,
          via: found.via,
          ...(found.sale ? { saleCode: found.sale.code } : {}),
        };
      }
      if (result === 'duplicate') return { outcome: 'duplicate' };
      if (result === 'sale_taken' && found.sale) excludedSales.add(found.sale.code);
    }
    // Lost a race on an item other than the payment itself: back off a little and try again.
    await pause(5 + Math.floor(Math.random() * 20 * (attempt + 1)));
  }
  throw busy();
}

/**
 * An order code in the memo hands the payment to the marketplace. An unknown order, or one payable
 * to another account, is not the marketplace's money: it falls through to the stall chain (or review).
 */
async function payOrder(
  deps: ReceivePaymentDeps,
  payment: IncomingPayment,
): Promise<ReceiveOutcome | undefined> {
  const orderCode = deps.orderPayments ? orderCodeFromMemo(payment.memo) : undefined;
  if (!orderCode || !deps.orderPayments) return undefined;
  const result = await deps.orderPayments({ ...payment, orderCode });
  if (result.kind === 'unknown_order' || result.kind === 'wrong_account') return undefined;
  if (result.kind === 'duplicate') return { outcome: 'duplicate' };
  return { outcome: 'order', kind: result.kind, ...(result.orderId ? { orderId: result.orderId } : {}) };
}

export async function receiveBankNotification(
  deps: ReceivePaymentDeps,
  input: {
    provider: BankProvider;
    channelId: string;
    rawBody: string | undefined;
    header: (name: string) => string | undefined;
  },
): Promise<ReceiveOutcome> {
  const channel = await deps.store.getChannel(input.channelId);
  const secret =
    channel && channel.provider === input.provider ? await deps.secrets.secretFor(channel.id) : undefined;
  if (!channel || !secret) {
    deps.securityLog.warn('bank notification refused', {
      provider: input.provider,
      channel: input.channelId,
      reason: 'unknown_channel',
    });
    throw refused();
  }
  const reading = readBankNotification({
    provider: input.provider,
    rawBody: input.rawBody,
    secret,
    now: deps.clock.now(),
    header: input.header,
  });
  if (reading.kind === 'rejected') {
    deps.securityLog.warn('bank notification refused', {
      provider: input.provider,
      channel: channel.id,
      reason: reading.reason,
    });
    throw refused();
  }
  if (reading.kind === 'ignored') return { outcome: 'ignored', reason: reading.reason };
  const order = await payOrder(deps, reading.payment);
  return order ?? creditPayment(deps, channel, reading.payment);
}
