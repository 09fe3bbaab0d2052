import type { RefundCase, RefundStep } from './model.ts';

/** Refund cases are written inside the transactions that create them (order payment, cancel, review). */
export interface RefundStore {
  getRefund(id: string): Promise<RefundCase | undefined>;
  getRefundByCode(code: string): Promise<RefundCase | undefined>;
  listRefundsOfOwner(ownerId: string): Promise<RefundCase[]>;
  listRefundsOfMarket(marketId: string): Promise<RefundCase[]>;
  listRefundsOfOrder(orderId: string): Promise<RefundCase[]>;
  listOpenRefunds(): Promise<RefundCase[]>;
  /** open → refunded, on the condition that it is still open; false when it was not. */
  closeRefund(
    id: string,
    close: {
      at: string;
      by: string;
      via: 'outgoing_transfer' | 'owner_confirmed';
      bankReference: string;
      step: RefundStep;
    },
  ): Promise<boolean>;
}
