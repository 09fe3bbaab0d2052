/**
 * The alerts a producer or vendor gets on their phone, and the one shape every source raises them in.
 * `eventId` names the real-world event (an order's payment, a bank transaction, a refund case, a product
 * falling under its mark): the same event raised twice, by a redelivered webhook or a retried request, is
 * the same alert and is sent once.
 */
import { formatVnd } from '../money/vnd.ts';

export const alertKinds = ['order_paid', 'underpaid_transfer', 'refund_case', 'stock_low'] as const;
export type AlertKind = (typeof alertKinds)[number];

export const alertKindLabels: Readonly<Record<AlertKind, { vi: string; en: string }>> = {
  order_paid: { vi: 'Đơn hàng mới đã thanh toán', en: 'New paid order' },
  underpaid_transfer: { vi: 'Chuyển khoản thiếu tiền', en: 'Underpaid transfer' },
  refund_case: { vi: 'Khoản cần hoàn tiền cho khách', en: 'Refund case' },
  stock_low: { vi: 'Sản phẩm sắp hết hàng', en: 'Stock running out' },
};

export type AlertEvent =
  | {
      readonly kind: 'order_paid';
      readonly eventId: string;
      readonly recipientId: string;
      readonly at: string;
      readonly orderCode: string;
      readonly totalVnd: number;
      readonly link: string;
    }
  | {
      readonly kind: 'underpaid_transfer';
      readonly eventId: string;
      readonly recipientId: string;
      readonly at: string;
      /** The bill's code (sale `BH…`, order `CP…`). */
      readonly reference: string;
      readonly paidVnd: number;
      readonly billVnd: number;
      readonly link?: string;
    }
  | {
      readonly kind: 'refund_case';
      readonly eventId: string;
      readonly recipientId: string;
      readonly at: string;
      readonly reference: string;
      readonly amountVnd: number;
      readonly link?: string;
    }
  | {
      readonly kind: 'stock_low';
      readonly eventId: string;
      readonly recipientId: string;
      readonly at: string;
      readonly productTitle: string;
      /** What is left, in words the seller uses ("2 gói 500 g", "1.200 g"). */
      readonly remaining: string;
      readonly link: string;
    };

export interface AlertMessage {
  readonly title: string;
  /** The SMS text: one Vietnamese sentence or two, the amounts as the vendor says them. */
  readonly text: string;
  readonly link?: string;
}

/** The message of an event, in Vietnamese (what the phone shows and the SMS says). */
export function alertMessage(event: AlertEvent): AlertMessage {
  const title = alertKindLabels[event.kind].vi;
  switch (event.kind) {
    case 'order_paid':
      return {
        title,
        text: `Chợ Phiên: Đơn ${event.orderCode} đã được thanh toán đủ ${formatVnd(event.totalVnd)}. Hãy chuẩn bị hàng. ${event.link}`,
        link: event.link,
      };
    case 'underpaid_transfer':
      return {
        title,
        text: `Chợ Phiên: CHUYỂN KHOẢN THIẾU cho ${event.reference}: nhận ${formatVnd(event.paidVnd)}, hóa đơn ${formatVnd(event.billVnd)}, còn thiếu ${formatVnd(event.billVnd - event.paidVnd)}. Chưa giao hàng khi chưa đủ tiền.`,
        ...(event.link ? { link: event.link } : {}),
      };
    case 'refund_case':
      return {
        title,
        text: `Chợ Phiên: Có ${formatVnd(event.amountVnd)} của khách cần hoàn lại (${event.reference}).${event.link ? ` ${event.link}` : ''}`,
        ...(event.link ? { link: event.link } : {}),
      };
    case 'stock_low':
      return {
        title,
        text: `Chợ Phiên: ${event.productTitle} sắp hết hàng, còn ${event.remaining}. Cập nhật kho: ${event.link}`,
        link: event.link,
      };
  }
}

/** The one key of an event's alert: the same real-world event always maps to the same key. */
export const alertKey = (event: Pick<AlertEvent, 'kind' | 'eventId'>): string =>
  `${event.kind}#${event.eventId}`;
