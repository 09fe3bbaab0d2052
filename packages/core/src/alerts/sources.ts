/**
 * The events the platform raises today: an order's payment outcome (paid, underpaid, money it cannot take)
 * and a product falling under its mark after an order. The markets' underpaid sales and refund cases call
 * the same `RaiseAlert` with their own events (see the decision record 1002 for how).
 */
import type { Product } from '../catalog/product.ts';
import { unitLabel } from '../catalog/units.ts';
import type { IncomingOrderPayment, OrderPaymentOutcome } from '../marketplace/payment-received.ts';
import type { OrderStore, ProductReader } from '../marketplace/ports.ts';
import type { RaiseAlert } from './dispatch.ts';

/** Where a producer sees their orders and listings (the producer desk). */
export const deskLink = (siteUrl: string) => `${siteUrl.replace(/\/$/, '')}/nong-dan`;

/** After `recordOrderPayment`: tells the selling farmer what the payment did. Never throws. */
export async function alertOrderPayment(
  deps: { orders: Pick<OrderStore, 'getById'>; raise: RaiseAlert; siteUrl: string },
  payment: IncomingOrderPayment,
  outcome: OrderPaymentOutcome,
): Promise<void> {
  if (!outcome.orderId || outcome.kind === 'duplicate') return;
  const order = await deps.orders.getById(outcome.orderId).catch(() => undefined);
  if (!order) return;
  const link = deskLink(deps.siteUrl);
  const transaction = `${payment.provider}#${payment.providerTransactionId}`;
  const base = { recipientId: order.farmerId, at: payment.receivedAt };
  if (outcome.kind === 'paid' || outcome.kind === 'overpaid')
    await deps.raise({
      ...base,
      kind: 'order_paid',
      eventId: order.id,
      orderCode: order.code,
      totalVnd: order.totalVnd,
      link,
    });
  if (outcome.kind === 'underpaid')
    await deps.raise({
      ...base,
      kind: 'underpaid_transfer',
      eventId: transaction,
      reference: order.code,
      paidVnd: order.totalVnd - (outcome.remainderVnd ?? 0),
      billVnd: order.totalVnd,
      link,
    });
  if (outcome.kind === 'overpaid' && outcome.overpaidVnd)
    await deps.raise({
      ...base,
      kind: 'refund_case',
      eventId: transaction,
      reference: order.code,
      amountVnd: outcome.overpaidVnd,
      link,
    });
  if (outcome.kind === 'not_payable')
    await deps.raise({
      ...base,
      kind: 'refund_case',
      eventId: transaction,
      reference: order.code,
      amountVnd: payment.amountVnd,
      link,
    });
}

/** A listing is running out when fewer than this many of its smallest pack remain. */
export const LOW_STOCK_PACKS = 3;

export const isRunningOut = (product: Pick<Product, 'stock' | 'packs'>): boolean =>
  product.stock < Math.min(...product.packs.map((pack) => pack.size)) * LOW_STOCK_PACKS;

/**
 * After an order took stock: a product under its mark alerts its farmer once per stock level set by the
 * farmer (the event is the listing's last edit, which a restock changes): running out again after a
 * restock alerts again; ten orders while it runs out do not.
 */
export async function alertLowStock(
  deps: { products: ProductReader; raise: RaiseAlert; siteUrl: string; clock: { now(): Date } },
  productIds: readonly string[],
): Promise<void> {
  for (const id of new Set(productIds)) {
    const product = await deps.products.getById(id).catch(() => undefined);
    if (!product || !isRunningOut(product)) continue;
    await deps.raise({
      kind: 'stock_low',
      eventId: `${product.id}#${product.updatedAt}`,
      recipientId: product.farmerId,
      at: deps.clock.now().toISOString(),
      productTitle: product.title.vi,
      remaining: `${new Intl.NumberFormat('vi-VN').format(product.stock)} ${unitLabel(product.baseUnit, 'vi')}`,
      link: deskLink(deps.siteUrl),
    });
  }
}

/** Where a vendor sells and sees underpaid sales (the sell screen). */
export const sellLink = (siteUrl: string) => `${siteUrl.replace(/\/$/, '')}/ban-hang`;

/**
 * After a stall payment is credited (decision 1002): a sale the transfer left underpaid alerts the
 * stall's vendor, the payment (`provider#transactionId`) being the event, so a redelivery is the same alert.
 */
export async function alertStallSaleOutcome(
  deps: { vendorOfStall(stallId: string): Promise<string | undefined>; raise: RaiseAlert; siteUrl: string },
  outcome: {
    readonly outcome: string;
    readonly stallId?: string;
    readonly paymentId?: string;
    readonly saleCode?: string;
    readonly sale?: { readonly status: string; readonly amountVnd: number; readonly receivedVnd: number };
  },
  at: string,
): Promise<void> {
  if (outcome.outcome !== 'credited' || outcome.sale?.status !== 'underpaid') return;
  if (!outcome.stallId || !outcome.paymentId || !outcome.saleCode) return;
  const vendorId = await deps.vendorOfStall(outcome.stallId);
  if (!vendorId) return;
  await deps.raise({
    kind: 'underpaid_transfer',
    eventId: outcome.paymentId,
    recipientId: vendorId,
    at,
    reference: outcome.saleCode,
    paidVnd: outcome.sale.receivedVnd,
    billVnd: outcome.sale.amountVnd,
    link: sellLink(deps.siteUrl),
  });
}
