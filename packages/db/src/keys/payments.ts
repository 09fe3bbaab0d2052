/**
 * One item per bank transaction, shared by every area that receives money (orders, stall sales,
 * stall fees): its conditional put is what makes a duplicate notification credit nothing.
 */
export const paymentKey = (provider: string, providerTransactionId: string) => ({
  PK: `PAYMENT#${provider}#${providerTransactionId}`,
  SK: 'PAYMENT',
});
