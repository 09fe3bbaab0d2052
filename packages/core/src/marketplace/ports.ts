import type { Product } from '../catalog/product.ts';
import type { Order, OrderStatus } from './order.ts';
import type { PayoutAccount } from './payout-account.ts';

export interface StockShortage {
  readonly productId: string;
}

export interface RecordedPayment {
  readonly provider: string;
  readonly providerTransactionId: string;
  readonly amountVnd: number;
  readonly memo: string;
  readonly receivedAt: string;
  readonly receivingAccount: { bin?: string; accountNumber: string };
  readonly orderId?: string;
  /** credited: counted towards the order; refund_due: money arrived for an order that can no longer take it. */
  readonly disposition: 'credited' | 'refund_due';
}

export interface OrderPaymentWrite {
  readonly order: Order;
  readonly paidVnd: number;
  readonly overpaidVnd: number;
  readonly status: OrderStatus;
  readonly at: string;
  readonly payment: RecordedPayment;
}

/** What the marketplace needs from storage for orders; packages/db implements it on DynamoDB. */
export interface OrderStore {
  /** All orders of one checkout, their code claims and every stock decrement: all or nothing. */
  create(
    orders: readonly Order[],
  ): Promise<{ ok: true } | { ok: false; shortages: StockShortage[]; codeTaken: boolean }>;
  getById(id: string): Promise<Order | undefined>;
  getByCode(code: string): Promise<Order | undefined>;
  listByBuyer(buyerId: string, limit: number): Promise<Order[]>;
  listByFarmer(farmerId: string, query: { status?: OrderStatus; limit: number }): Promise<Order[]>;
  /** Orders still pending whose payBy is before `now`, oldest first. */
  listOverdue(now: string, limit: number): Promise<Order[]>;
  /**
   * Moves an order from `order.status` (must still hold, with the same paidVnd) to `to`;
   * releases its stock when `to` is cancelled/expired. False when the order changed meanwhile.
   */
  transition(order: Order, to: OrderStatus, at: string, by: string): Promise<boolean>;
  paymentExists(provider: string, providerTransactionId: string): Promise<boolean>;
  /** Payment item (must be new) + order update (must be unchanged) in one transaction. */
  applyPayment(write: OrderPaymentWrite): Promise<'applied' | 'duplicate' | 'stale'>;
  /** Payment item only (must be new): money for an order that cannot take it. */
  recordUncreditedPayment(payment: RecordedPayment): Promise<'recorded' | 'duplicate'>;
}

export interface PayoutAccountStore {
  get(farmerId: string): Promise<PayoutAccount | undefined>;
  put(account: PayoutAccount): Promise<void>;
}

export interface ProductReader {
  getById(id: string): Promise<Product | undefined>;
}

export interface MarketplaceClock {
  now(): Date;
}
