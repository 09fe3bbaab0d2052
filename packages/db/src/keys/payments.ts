/**
 * One item per bank transaction *into one receiving account*, shared by every area that receives
 * money (orders, stall sales, stall fees): its conditional put is what makes a duplicate notification
 * credit nothing. The account is the one the notification's channel verified (never the body's claim),
 * so a transaction id first claimed on one channel cannot shadow the same id on another account
 * (docs/decisions/0704-payments-bound-to-their-channel.md).
 */
export interface PaymentRef {
  readonly provider: string;
  readonly providerTransactionId: string;
  readonly receivingAccount: { readonly bin: string; readonly accountNumber: string };
}

export const paymentKey = (payment: PaymentRef) => ({
  PK: `PAYMENT#${payment.provider}#${payment.receivingAccount.bin}#${payment.receivingAccount.accountNumber}#${payment.providerTransactionId}`,
  SK: 'PAYMENT',
});

/** Stored on every payment item written under `paymentKey`; items without it are pre-0704 (re-keyed by the migration). */
export const PAYMENT_KEY_VERSION = 2;

/**
 * A refund case (decision 0706): by id; per owner on GSI1; per order (the buyer's page) or per market
 * (the manager) on GSI2; open ones on GSI3 for admins (sparse: closing removes it).
 */
export const refundKey = (id: string) => ({ PK: `REFUND#${id}`, SK: 'REFUND' });
export const refundKeys = (refund: {
  id: string;
  ownerId: string;
  orderId?: string;
  marketId?: string;
  createdAt: string;
  status: string;
}) => ({
  ...refundKey(refund.id),
  GSI1PK: `REFUNDOWNER#${refund.ownerId}`,
  GSI1SK: `${refund.createdAt}#${refund.id}`,
  ...(refund.orderId
    ? { GSI2PK: `ORDERREFUNDS#${refund.orderId}`, GSI2SK: `${refund.createdAt}#${refund.id}` }
    : refund.marketId
      ? { GSI2PK: `MARKETREFUNDS#${refund.marketId}`, GSI2SK: `${refund.createdAt}#${refund.id}` }
      : {}),
  ...(refund.status === 'open' ? { GSI3PK: OPEN_REFUNDS, GSI3SK: `${refund.createdAt}#${refund.id}` } : {}),
});
export const OPEN_REFUNDS = 'REFUNDS#open';
export const refundsOfOwnerKey = (ownerId: string) => ({ GSI1PK: `REFUNDOWNER#${ownerId}` });
export const refundsOfOrderKey = (orderId: string) => ({ GSI2PK: `ORDERREFUNDS#${orderId}` });
export const refundsOfMarketKey = (marketId: string) => ({ GSI2PK: `MARKETREFUNDS#${marketId}` });
/** Claims a refund code (conditional put in the case's transaction) and points to the case. */
export const refundCodeKey = (code: string) => ({ PK: `REFUNDCODE#${code}`, SK: 'REFUNDCODE' });
