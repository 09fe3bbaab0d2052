import { buildVietQR } from '@chophien/vietqr';
import { qrText } from '../output/qr.ts';
import type { Order } from './order.ts';
import { maskPayoutAccountNumber } from './payout-account.ts';

/** The pay token is the buyer's to share (pay-link.ts): a seller or admin never sees it. */
export interface OrderView extends Omit<Order, 'payTo' | 'payToken'> {
  readonly payTo: { bankBin: string; accountNumberMasked: string; accountName: string };
  readonly remainderVnd: number;
  /** Dynamic VietQR for what is still owed, while the order can take money. */
  readonly vietqr: string | undefined;
}

export const remainderOf = (order: Pick<Order, 'totalVnd' | 'paidVnd'>): number =>
  Math.max(order.totalVnd - order.paidVnd, 0);

/**
 * The VietQR a buyer scans: amount still owed, the order code as the memo (62.08) so the bank
 * notification can be matched back. It necessarily carries the account number for the bank app;
 * pages and JSON show only the masked form.
 */
export function orderVietQR(order: Order): string {
  return buildVietQR({
    bin: order.payTo.bankBin,
    accountNumber: order.payTo.accountNumber,
    amount: remainderOf(order),
    purpose: order.code,
    // The name on the account is free text: folded to the ASCII the field takes, so the QR always builds.
    merchantName: qrText(order.payTo.accountName, 25),
    truncate: true,
  });
}

export function toOrderView(order: Order): OrderView {
  const { payTo, payToken: _buyersOnly, ...rest } = order;
  return {
    ...rest,
    payTo: {
      bankBin: payTo.bankBin,
      accountNumberMasked: maskPayoutAccountNumber(payTo.accountNumber),
      accountName: payTo.accountName,
    },
    remainderVnd: remainderOf(order),
    vietqr: order.status === 'pending_payment' ? orderVietQR(order) : undefined,
  };
}
