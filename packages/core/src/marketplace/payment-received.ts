import { ulid } from 'ulid';
import { storeBusy } from '../errors/domain-error.ts';
import type { Payer } from '../markets/bank-notifications.ts';
import { applyTransfer } from '../money/bill.ts';
import { openRefundCase, type RefundCase, type RefundReason } from '../refunds/model.ts';
import type { Order, OrderStatus } from './order.ts';
import { normalizeOrderCode } from './order-code.ts';
import type { OrderStore, RecordedPayment } from './ports.ts';

/**
 * A verified bank notification (markets' `VerifiedPayment`: its receiving account is one of its
 * channel's accounts) plus the order code it was attributed to. Named apart from markets' type so both
 * can be exported from core; the shape is the agreed contract.
 */
export interface IncomingOrderPayment {
  readonly provider: string;
  readonly providerTransactionId: string;
  readonly channelId?: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly receivedAt: string;
  /** The channel's own record of the account the money went into (never the body's claim). */
  readonly receivingAccount: { bin: string; accountNumber: string };
  readonly payer?: Payer;
  readonly orderCode: string;
}

export type OrderPaymentKind =
  | 'paid'
  | 'underpaid'
  | 'overpaid'
  | 'duplicate'
  | 'unknown_order'
  | 'wrong_account'
  | 'not_payable';

export interface OrderPaymentOutcome {
  readonly kind: OrderPaymentKind;
  readonly orderId?: string;
  readonly remainderVnd?: number;
  readonly overpaidVnd?: number;
  /** The refund case opened for money this order cannot keep (closed order, surplus). */
  readonly refundId?: string;
}

export interface PaymentDecision {
  readonly kind: 'paid' | 'underpaid' | 'overpaid';
  readonly paidVnd: number;
  readonly overpaidVnd: number;
  readonly remainderVnd: number;
  readonly status: OrderStatus;
}

/** The rule, pure: what one more transfer of `amountVnd` does to a pending order. */
export function decidePayment(
  order: Pick<Order, 'totalVnd' | 'paidVnd'>,
  amountVnd: number,
): PaymentDecision {
  const state = applyTransfer({ amountVnd: order.totalVnd, receivedVnd: order.paidVnd }, amountVnd);
  return {
    kind: state.kind,
    paidVnd: state.receivedVnd,
    overpaidVnd: state.surplusVnd,
    remainderVnd: state.shortfallVnd,
    status: state.settled ? 'paid' : 'pending_payment',
  };
}

/** The order may take money only from a notification whose channel holds the order's pay-to account. */
const paysToOrder = (order: Order, account: IncomingOrderPayment['receivingAccount']): boolean =>
  account.accountNumber.replace(/[\s.-]/g, '').toUpperCase() === order.payTo.accountNumber &&
  account.bin === order.payTo.bankBin;

const MAX_ATTEMPTS = 8;

/**
 * `payment received` for orders: the only way an order becomes paid. Idempotent by the bank's
 * transaction id: the payment item's conditional put and the order's conditional update commit
 * together, so a redelivered notification credits nothing and reports `duplicate`.
 */
/** The refund case for money an order holds but cannot keep (its owner is the farmer it was paid to). */
export function orderRefundCase(
  order: Order,
  input: {
    amountVnd: number;
    reason: RefundReason;
    at: string;
    by: string;
    payment?: Pick<IncomingOrderPayment, 'provider' | 'providerTransactionId' | 'receivedAt' | 'payer'>;
    payer?: Payer;
  },
): RefundCase {
  const payer = input.payment?.payer ?? input.payer;
  return openRefundCase({
    id: ulid(),
    ownerId: order.farmerId,
    ownerRole: 'farmer',
    orderId: order.id,
    orderCode: order.code,
    buyerId: order.buyerId,
    amountVnd: input.amountVnd,
    reason: input.reason,
    ...(payer ? { payer } : {}),
    ...(input.payment
      ? {
          payment: {
            provider: input.payment.provider,
            providerTransactionId: input.payment.providerTransactionId,
            receivedAt: input.payment.receivedAt,
          },
        }
      : {}),
    fromAccount: { bin: order.payTo.bankBin, accountNumber: order.payTo.accountNumber },
    at: input.at,
    by: input.by,
  });
}

export async function recordOrderPayment(
  deps: { orders: OrderStore },
  payment: IncomingOrderPayment,
): Promise<OrderPaymentOutcome> {
  if (!Number.isSafeInteger(payment.amountVnd) || payment.amountVnd <= 0) {
    throw new RangeError('amountVnd must be a positive whole number of đồng');
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (await deps.orders.paymentExists(payment)) return { kind: 'duplicate' };
    const code = normalizeOrderCode(payment.orderCode);
    const order = code ? await deps.orders.getByCode(code) : undefined;
    if (!order) return { kind: 'unknown_order' };
    if (!paysToOrder(order, payment.receivingAccount)) return { kind: 'wrong_account', orderId: order.id };

    const recorded: RecordedPayment = {
      provider: payment.provider,
      providerTransactionId: payment.providerTransactionId,
      amountVnd: payment.amountVnd,
      memo: payment.memo,
      receivedAt: payment.receivedAt,
      receivingAccount: payment.receivingAccount,
      ...(payment.channelId ? { channelId: payment.channelId } : {}),
      ...(payment.payer ? { payer: payment.payer } : {}),
      orderId: order.id,
      disposition: order.status === 'pending_payment' ? 'credited' : 'refund_due',
    };
    const by = `bank:${payment.provider}`;
    if (order.status !== 'pending_payment') {
      const refund = orderRefundCase(order, {
        amountVnd: payment.amountVnd,
        reason: 'order_closed',
        at: payment.receivedAt,
        by,
        payment,
      });
      const result = await deps.orders.recordUncreditedPayment(recorded, refund);
      if (result === 'stale') continue;
      return result === 'duplicate'
        ? { kind: 'duplicate' }
        : { kind: 'not_payable', orderId: order.id, refundId: refund.id };
    }

    const decision = decidePayment(order, payment.amountVnd);
    const refund =
      decision.overpaidVnd > 0
        ? orderRefundCase(order, {
            amountVnd: decision.overpaidVnd,
            reason: 'order_overpaid',
            at: payment.receivedAt,
            by,
            payment,
          })
        : undefined;
    const result = await deps.orders.applyPayment({
      order,
      paidVnd: decision.paidVnd,
      overpaidVnd: decision.overpaidVnd,
      status: decision.status,
      at: payment.receivedAt,
      payment: recorded,
      ...(refund ? { refund } : {}),
    });
    if (result === 'duplicate') return { kind: 'duplicate' };
    if (result === 'applied') {
      return {
        kind: decision.kind,
        orderId: order.id,
        ...(decision.kind === 'underpaid' ? { remainderVnd: decision.remainderVnd } : {}),
        ...(decision.kind === 'overpaid' ? { overpaidVnd: decision.overpaidVnd } : {}),
        ...(refund ? { refundId: refund.id } : {}),
      };
    }
    // stale: another payment or a sweep changed the order between our read and write; read again.
  }
  throw storeBusy();
}
