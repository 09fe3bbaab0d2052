import type { Order, OrderStatus } from './order.ts';
import { normalizeOrderCode } from './order-code.ts';
import type { OrderStore, RecordedPayment } from './ports.ts';

/**
 * A verified bank notification (markets' `IncomingPayment`) plus the order code it was attributed to.
 * Named apart from markets' type so both can be exported from core; the shape is the agreed contract.
 */
export interface IncomingOrderPayment {
  readonly provider: string;
  readonly providerTransactionId: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly receivedAt: string;
  readonly receivingAccount: { bin?: string; accountNumber: string };
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
  const paidVnd = order.paidVnd + amountVnd;
  if (paidVnd < order.totalVnd) {
    return {
      kind: 'underpaid',
      paidVnd,
      overpaidVnd: 0,
      remainderVnd: order.totalVnd - paidVnd,
      status: 'pending_payment',
    };
  }
  const overpaidVnd = paidVnd - order.totalVnd;
  return {
    kind: overpaidVnd > 0 ? 'overpaid' : 'paid',
    paidVnd,
    overpaidVnd,
    remainderVnd: 0,
    status: 'paid',
  };
}

const sameAccount = (order: Order, account: IncomingOrderPayment['receivingAccount']): boolean =>
  account.accountNumber.trim().toUpperCase() === order.payTo.accountNumber &&
  (account.bin === undefined || account.bin === order.payTo.bankBin);

const MAX_ATTEMPTS = 8;

/**
 * `payment received` for orders: the only way an order becomes paid. Idempotent by the bank's
 * transaction id: the payment item's conditional put and the order's conditional update commit
 * together, so a redelivered notification credits nothing and reports `duplicate`.
 */
export async function recordOrderPayment(
  deps: { orders: OrderStore },
  payment: IncomingOrderPayment,
): Promise<OrderPaymentOutcome> {
  if (!Number.isSafeInteger(payment.amountVnd) || payment.amountVnd <= 0) {
    throw new RangeError('amountVnd must be a positive whole number of đồng');
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (await deps.orders.paymentExists(payment.provider, payment.providerTransactionId))
      return { kind: 'duplicate' };
    const code = normalizeOrderCode(payment.orderCode);
    const order = code ? await deps.orders.getByCode(code) : undefined;
    if (!order) return { kind: 'unknown_order' };
    if (!sameAccount(order, payment.receivingAccount)) return { kind: 'wrong_account', orderId: order.id };

    const recorded: RecordedPayment = {
      provider: payment.provider,
      providerTransactionId: payment.providerTransactionId,
      amountVnd: payment.amountVnd,
      memo: payment.memo,
      receivedAt: payment.receivedAt,
      receivingAccount: payment.receivingAccount,
      orderId: order.id,
      disposition: order.status === 'pending_payment' ? 'credited' : 'refund_due',
    };
    if (order.status !== 'pending_payment') {
      const result = await deps.orders.recordUncreditedPayment(recorded);
      return result === 'duplicate' ? { kind: 'duplicate' } : { kind: 'not_payable', orderId: order.id };
    }

    const decision = decidePayment(order, payment.amountVnd);
    const result = await deps.orders.applyPayment({
      order,
      paidVnd: decision.paidVnd,
      overpaidVnd: decision.overpaidVnd,
      status: decision.status,
      at: payment.receivedAt,
      payment: recorded,
    });
    if (result === 'duplicate') return { kind: 'duplicate' };
    if (result === 'applied') {
      return {
        kind: decision.kind,
        orderId: order.id,
        ...(decision.kind === 'underpaid' ? { remainderVnd: decision.remainderVnd } : {}),
        ...(decision.kind === 'overpaid' ? { overpaidVnd: decision.overpaidVnd } : {}),
      };
    }
    // stale: another payment or a sweep changed the order between our read and write; read again.
  }
  throw new Error(`order payment ${payment.provider}/${payment.providerTransactionId} kept conflicting`);
}
