// Keys of the marketplace area (see docs/decisions/0002-table-design.md, section "marketplace").
import { indexes } from '../table.ts';

export const orderKey = (id: string) => ({ PK: `ORDER#${id}`, SK: 'ORDER' });

/**
 * Pending orders (unpaid or partly paid) sit in GSI3 under one partition sorted by payBy, so the sweeper
 * reads the overdue ones first. They leave it when fully paid or closed.
 */
export const ORDERS_AWAITING_PAYMENT = 'ORDERS#pending_payment';

export const orderKeys = (order: {
  id: string;
  farmerId: string;
  buyerId: string;
  createdAt: string;
  payBy: string;
  status: string;
}) => ({
  ...orderKey(order.id),
  GSI1PK: `SELLERORDERS#${order.farmerId}`,
  GSI1SK: `${order.createdAt}#${order.id}`,
  GSI2PK: `BUYERORDERS#${order.buyerId}`,
  GSI2SK: `${order.createdAt}#${order.id}`,
  ...(order.status === 'pending_payment' ? awaitingPaymentKeys(order) : {}),
});

export const awaitingPaymentKeys = (order: { id: string; payBy: string }) => ({
  GSI3PK: ORDERS_AWAITING_PAYMENT,
  GSI3SK: `${order.payBy}#${order.id}`,
});

export const ordersBySeller = (farmerId: string) => ({
  index: indexes.byOwner,
  pk: `SELLERORDERS#${farmerId}`,
});
export const ordersByBuyer = (buyerId: string) => ({ index: indexes.byCode, pk: `BUYERORDERS#${buyerId}` });
export const ordersAwaitingPayment = () => ({ index: indexes.byTime, pk: ORDERS_AWAITING_PAYMENT });

/** A checkout's pay link (core marketplace/pay-link.ts): token → the checkout's order ids. */
export const payLinkKey = (token: string) => ({ PK: `PAYLINK#${token}`, SK: 'PAYLINK' });

/** Claims an order code (conditional put in the order's transaction) and points to the order. */
export const orderCodeKey = (code: string) => ({ PK: `ORDERCODE#${code}`, SK: 'ORDERCODE' });

/** A farmer's payout account: one item per farmer, written only by the farmer. */
export const payoutAccountKey = (farmerId: string) => ({ PK: `SELLER#${farmerId}`, SK: 'PAYOUT' });

/** A farmer's listings, newest first (the product item's GSI1 keys, built in keys/foundation.ts). */
export const listingsByFarmer = (farmerId: string) => ({
  index: indexes.byOwner,
  pk: `FARMER#${farmerId}`,
  skPrefix: 'PRODUCT#',
});

/** A buyer's numbered hold slots (unpaid checkouts holding stock; core/marketplace/holds.ts). */
export const holdSlotKey = (buyerId: string, slot: number) => ({
  PK: `BUYER#${buyerId}`,
  SK: `HOLD#${slot}`,
});
export const holdSlotsPartition = (buyerId: string) => ({ pk: `BUYER#${buyerId}`, skPrefix: 'HOLD#' });
