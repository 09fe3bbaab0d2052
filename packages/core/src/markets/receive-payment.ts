/**
 * A bank notification arrives on `POST /webhooks/bank/{provider}/{channel}`: verify it with the
 * channel's own secret, bind it to the channel's own account, attribute it, and record it exactly once
 * (the payment item's conditional put inside the same transaction as the credit is what makes a
 * duplicate credit nothing). The missed-notification poll enters at `creditVerifiedPayment`.
 */
import { DomainError, storeBusy } from '../errors/domain-error.ts';
import { orderCodeFromMemo } from '../marketplace/order-code.ts';
import type { IncomingOrderPayment, OrderPaymentOutcome } from '../marketplace/payment-received.ts';
import { applyTransfer } from '../money/bill.ts';
import { type BusinessMetrics, noMetrics } from '../observability/metrics.ts';
import { type Attribution, attributePayment, defaultMatchers, type Matcher } from './attribution.ts';
import {
  type BankProvider,
  type OutgoingTransfer,
  readBankNotification,
  type VerifiedPayment,
} from './bank-notifications.ts';
import { verifyReportedAccount } from './channel-accounts.ts';
import { type Channel, type LedgerEntry, type ReviewItem, type Sale, saleReceivedVnd } from './model.ts';
import type { ChannelSecrets, Clock, MarketsStore, OutcomeLog, SaleCredit, SecurityLog } from './ports.ts';
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
  /** Closes a refund case named in an outgoing transfer's memo (refund-cases.ts). */
  readonly outgoingTransfers?: (channel: Channel, transfer: OutgoingTransfer) => Promise<ReceiveOutcome>;
  readonly metrics?: BusinessMetrics;
  readonly outcomeLog?: OutcomeLog;
}

export type ReceiveOutcome =
  | {
      readonly outcome: 'credited';
      readonly stallId: string;
      readonly via: string;
      /** The credited payment (`provider#transactionId`): the event an alert about it is raised for. */
      readonly paymentId?: string;
      readonly saleCode?: string;
      /** With a sale: how this payment left it (underpaid until what arrived covers the amount). */
      readonly sale?: {
        readonly amountVnd: number;
        readonly receivedVnd: number;
        readonly status: Sale['status'];
        readonly shortfallVnd: number;
        readonly surplusVnd: number;
      };
    }
  | { readonly outcome: 'review'; readonly reviewId: string; readonly reason: string }
  | { readonly outcome: 'order'; readonly kind: OrderPaymentOutcome['kind']; readonly orderId?: string }
  | { readonly outcome: 'fee'; readonly stallId: string; readonly month: string }
  | { readonly outcome: 'refund_closed'; readonly refundId: string }
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: 'rejected'; readonly reason: string }
  | { readonly outcome: 'ignored'; readonly reason: string };

/**
 * The outcome vocabulary of logs and metrics (decision 0705): what happened to the money, whichever
 * book it went to.
 */
export type MoneyOutcome =
  | 'credited'
  | 'underpaid'
  | 'overpaid'
  | 'duplicate'
  | 'refund_case'
  | 'refund_closed'
  | 'review'
  | 'rejected'
  | 'ignored'
  | 'busy';

export function moneyOutcomeOf(result: ReceiveOutcome): MoneyOutcome {
  switch (result.outcome) {
    case 'credited':
      return result.sale?.status === 'underpaid'
        ? 'underpaid'
        : result.sale && result.sale.surplusVnd > 0
          ? 'overpaid'
          : 'credited';
    case 'fee':
      return 'credited';
    case 'order':
      if (result.kind === 'paid') return 'credited';
      if (result.kind === 'underpaid' || result.kind === 'overpaid') return result.kind;
      if (result.kind === 'not_payable') return 'refund_case';
      return result.kind === 'duplicate' ? 'duplicate' : 'review';
    default:
      return result.outcome;
  }
}

export const NOTIFICATION_METRIC = 'BankNotification';

const refused = () =>
  new DomainError('unauthenticated', 'invalid_signature', {
    vi: 'Chữ ký thông báo không hợp lệ.',
    en: 'The notification signature is not valid.',
  });

/** How often a transaction that lost a race (not a duplicate) is retried before the provider is asked to retry. */
const MAX_ATTEMPTS = 8;

export function ledgerEntryFor(
  payment: VerifiedPayment,
  found: Extract<Attribution, { kind: 'stall' }>,
  creditedAt: string,
  sale?: { amountVnd: number; receivedVnd: number },
): LedgerEntry {
  return {
    id: `${payment.provider}#${payment.providerTransactionId}`,
    stallId: found.stall.id,
    marketId: found.stall.marketId,
    vendorId: found.stall.vendorId,
    amountVnd: payment.amountVnd,
    memo: payment.memo,
    via: found.via,
    ...(found.sale && sale
      ? { saleCode: found.sale.code, saleAmountVnd: sale.amountVnd, saleReceivedVnd: sale.receivedVnd }
      : {}),
    provider: payment.provider,
    providerTransactionId: payment.providerTransactionId,
    receivedAt: payment.receivedAt,
    creditedAt,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => pause(5 + Math.floor(Math.random() * 20 * (attempt + 1)));

/** The sale's current state read consistently; undefined when it can no longer take money. */
async function saleCreditFor(
  store: MarketsStore,
  sale: Sale,
  amountVnd: number,
): Promise<{ credit: SaleCredit; sale: Sale } | undefined> {
  const current = await store.getSale(sale.code);
  if (!current || current.status === 'paid') return undefined;
  const receivedBefore = saleReceivedVnd(current);
  const state = applyTransfer({ amountVnd: current.amountVnd, receivedVnd: receivedBefore }, amountVnd);
  return {
    sale: current,
    credit: { code: current.code, receivedBefore, receivedAfter: state.receivedVnd, settled: state.settled },
  };
}

export async function creditPayment(
  deps: Omit<ReceivePaymentDeps, 'secrets' | 'securityLog'>,
  channel: Channel,
  payment: VerifiedPayment,
): Promise<ReceiveOutcome> {
  const paidSales = new Set<string>();
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
        await backoff(attempt);
        continue;
      }
    }
    const stalls = (await deps.store.listStallsOfVendor(channel.vendorId)).filter(
      (stall) => stall.accountId === channel.accountId,
    );
    const stallIds = new Set(stalls.map((stall) => stall.id));
    const openSales = (await deps.store.listOpenSalesOfVendor(channel.vendorId)).filter(
      (sale) => stallIds.has(sale.stallId) && !paidSales.has(sale.code),
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
      await backoff(attempt);
      continue;
    }
    const saleCredit = found.sale
      ? await saleCreditFor(deps.store, found.sale, payment.amountVnd)
      : undefined;
    if (found.sale && !saleCredit) {
      // Paid meanwhile (the open-sales index lags a write): attribute again without it.
      paidSales.add(found.sale.code);
      continue;
    }
    const entry = ledgerEntryFor(
      payment,
      found,
      now,
      saleCredit
        ? { amountVnd: saleCredit.sale.amountVnd, receivedVnd: saleCredit.credit.receivedAfter }
        : undefined,
    );
    const result = await deps.store.recordCredit({
      payment,
      entry,
      ...(saleCredit ? { sale: saleCredit.credit } : {}),
    });
    if (result === 'recorded') {
      const state = saleCredit
        ? applyTransfer(
            { amountVnd: saleCredit.sale.amountVnd, receivedVnd: saleCredit.credit.receivedBefore },
            payment.amountVnd,
          )
        : undefined;
      return {
        outcome: 'credited',
        stallId: found.stall.id,
        via: found.via,
        paymentId: entry.id,
        ...(found.sale ? { saleCode: found.sale.code } : {}),
        ...(state && saleCredit
          ? {
              sale: {
                amountVnd: saleCredit.sale.amountVnd,
                receivedVnd: saleCredit.credit.receivedAfter,
                status: state.settled ? 'paid' : 'underpaid',
                shortfallVnd: state.shortfallVnd,
                surplusVnd: state.surplusVnd,
              },
            }
          : {}),
      };
    }
    if (result === 'duplicate') return { outcome: 'duplicate' };
    // Lost a race on an item other than the payment itself (the sale took another transfer): read again.
    await backoff(attempt);
  }
  throw storeBusy();
}

/**
 * An order code in the memo hands the payment to the marketplace. An unknown order, or one payable
 * to another account than this channel's, is not the marketplace's money: it falls through to the stall
 * chain (or review) of the channel's own account.
 */
async function payOrder(
  deps: Pick<ReceivePaymentDeps, 'orderPayments'>,
  payment: VerifiedPayment,
): Promise<ReceiveOutcome | undefined> {
  const orderCode = deps.orderPayments ? orderCodeFromMemo(payment.memo) : undefined;
  if (!orderCode || !deps.orderPayments) return undefined;
  const result = await deps.orderPayments({ ...payment, orderCode });
  if (result.kind === 'unknown_order' || result.kind === 'wrong_account') return undefined;
  if (result.kind === 'duplicate') return { outcome: 'duplicate' };
  return { outcome: 'order', kind: result.kind, ...(result.orderId ? { orderId: result.orderId } : {}) };
}

/** The one path for a payment its channel may report, from a webhook or from the missed-notification poll. */
export async function creditVerifiedPayment(
  deps: Omit<ReceivePaymentDeps, 'secrets' | 'securityLog'>,
  channel: Channel,
  payment: VerifiedPayment,
): Promise<ReceiveOutcome> {
  const order = await payOrder(deps, payment);
  return order ?? creditPayment(deps, channel, payment);
}

/** One structured line and one metric per outcome (decision 0705). */
export function reportOutcome(
  deps: Pick<ReceivePaymentDeps, 'metrics' | 'outcomeLog'>,
  facts: { provider: BankProvider; channelId: string; source: 'webhook' | 'poll'; transactionId?: string },
  result: ReceiveOutcome | { outcome: 'busy' },
): void {
  const outcome = result.outcome === 'busy' ? 'busy' : moneyOutcomeOf(result);
  const reason = 'reason' in result ? result.reason : 'kind' in result ? result.kind : undefined;
  (deps.metrics ?? noMetrics).count(NOTIFICATION_METRIC, {
    provider: facts.provider,
    source: facts.source,
    outcome,
    ...(reason ? { reason } : {}),
  });
  deps.outcomeLog?.info('bank notification', {
    provider: facts.provider,
    channel: facts.channelId,
    source: facts.source,
    outcome,
    ...(reason ? { reason } : {}),
    ...(facts.transactionId ? { transactionId: facts.transactionId } : {}),
  });
}

function reject(
  deps: ReceivePaymentDeps,
  facts: { provider: BankProvider; channelId: string },
  reason: string,
): ReceiveOutcome {
  deps.securityLog.warn('bank notification refused', {
    provider: facts.provider,
    channel: facts.channelId,
    reason,
  });
  const result = { outcome: 'rejected' as const, reason };
  reportOutcome(deps, { ...facts, source: 'webhook' }, result);
  return result;
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
  const facts = { provider: input.provider, channelId: input.channelId };
  const channel = await deps.store.getChannel(input.channelId);
  const secret =
    channel && channel.provider === input.provider ? await deps.secrets.secretFor(channel.id) : undefined;
  if (!channel || !secret) {
    reject(deps, facts, 'unknown_channel');
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
    reject(deps, facts, reading.reason);
    throw refused();
  }
  let result: ReceiveOutcome;
  try {
    if (reading.kind === 'ignored') result = { outcome: 'ignored', reason: reading.reason };
    else if (reading.kind === 'outgoing') {
      result = deps.outgoingTransfers
        ? await deps.outgoingTransfers(channel, reading.transfer)
        : { outcome: 'ignored', reason: 'outgoing_transfer' };
    } else {
      const payment = verifyReportedAccount(channel, reading.payment);
      // Signed by this channel but naming an account it does not hold: a leaked or misused secret.
      if (!payment) return reject(deps, facts, 'account_not_on_channel');
      result = await creditVerifiedPayment(deps, channel, payment);
    }
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'unavailable')
      reportOutcome(deps, { ...facts, source: 'webhook' }, { outcome: 'busy' });
    throw error;
  }
  const transactionId = reading.kind === 'payment' ? reading.payment.providerTransactionId : undefined;
  reportOutcome(deps, { ...facts, source: 'webhook', ...(transactionId ? { transactionId } : {}) }, result);
  return result;
}
