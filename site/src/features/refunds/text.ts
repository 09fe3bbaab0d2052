import type { RefundReason, RefundStatus } from '@chophien/core';
import type { Lang } from '../../i18n/index.ts';

/** The refund pages' own strings (decision 0706). */
const vi = {
  title: 'Hoàn tiền',
  intro:
    'Các khoản tiền không thể ghi nhận (đơn đã đóng, chuyển thừa, đơn bị huỷ, tiền không rõ nguồn) cần chuyển trả lại người gửi.',
  empty: 'Không có khoản hoàn tiền nào.',
  signIn: 'Vui lòng đăng nhập để xem các khoản hoàn tiền.',
  amount: 'Số tiền',
  code: 'Mã hoàn tiền (ghi vào nội dung chuyển khoản)',
  payer: 'Người gửi',
  payerUnknown: 'Ngân hàng không cho biết tài khoản người gửi; hãy liên hệ người mua.',
  order: 'Đơn hàng',
  scan: 'Quét bằng ứng dụng ngân hàng của bạn để chuyển trả đúng số tiền, đúng nội dung.',
  confirmLabel: 'Mã giao dịch ngân hàng của lần chuyển trả',
  confirmButton: 'Xác nhận đã hoàn tiền',
  refundTitle: 'Hoàn tiền cho đơn này',
  unmatchedTitle: 'Tiền vào tài khoản chưa rõ của ai',
  unmatchedHelp: 'Nếu khoản này không phải của bạn, bấm “Trả lại người gửi” để tạo yêu cầu hoàn tiền.',
  unmatchedReject: 'Trả lại người gửi',
  closedOn: 'đã hoàn ngày',
  result: {
    ok: 'Đã ghi nhận hoàn tiền.',
    rejected: 'Đã tạo yêu cầu hoàn tiền cho khoản tiền này.',
    already_assigned: 'Khoản này đã được xử lý trước đó.',
    refund_closed: 'Khoản này đã được đóng trước đó.',
    validation_failed: 'Mã giao dịch chưa hợp lệ: 4–40 ký tự chữ, số và . - _ /',
    forbidden: 'Chỉ chủ tài khoản nhận tiền mới xác nhận được.',
    not_found: 'Không tìm thấy khoản hoàn tiền.',
    failed: 'Chưa ghi nhận được, vui lòng thử lại.',
  } as Record<string, string>,
  reasons: {
    order_closed: 'Tiền chuyển vào đơn đã đóng',
    order_overpaid: 'Khách chuyển thừa',
    order_cancelled: 'Người bán huỷ đơn đã thanh toán',
    order_expired: 'Đơn hết hạn khi mới trả một phần',
    rejected_by_owner: 'Tiền không rõ nguồn, chủ tài khoản từ chối',
  } satisfies Record<RefundReason, string>,
  statuses: { open: 'Chờ hoàn tiền', refunded: 'Đã hoàn tiền' } satisfies Record<RefundStatus, string>,
};

const en: typeof vi = {
  title: 'Refunds',
  intro:
    'Money that cannot be credited (closed orders, overpayments, cancelled orders, unknown transfers) must go back to whoever sent it.',
  empty: 'No refunds.',
  signIn: 'Please sign in to see refunds.',
  amount: 'Amount',
  code: 'Refund code (put it in the transfer memo)',
  payer: 'Sent by',
  payerUnknown: "The bank did not tell us the sender's account; contact the buyer.",
  order: 'Order',
  scan: 'Scan with your bank app to send back exactly this amount with this memo.',
  confirmLabel: "Your refund transfer's bank reference",
  confirmButton: 'Confirm refunded',
  refundTitle: 'Refund for this order',
  unmatchedTitle: 'Money in your account nobody could place',
  unmatchedHelp: 'If it is not yours, press “Send it back” to open a refund case.',
  unmatchedReject: 'Send it back',
  closedOn: 'refunded on',
  result: {
    ok: 'Refund recorded.',
    rejected: 'Refund case opened for this money.',
    already_assigned: 'This money was already handled.',
    refund_closed: 'This case was already closed.',
    validation_failed: 'Not a valid reference: 4–40 letters, digits and . - _ /',
    forbidden: "Only the receiving account's owner can confirm.",
    not_found: 'Refund case not found.',
    failed: 'Not recorded, please try again.',
  },
  reasons: {
    order_closed: 'Paid to a closed order',
    order_overpaid: 'Overpaid',
    order_cancelled: 'The seller cancelled a paid order',
    order_expired: 'Order expired part-paid',
    rejected_by_owner: 'Unknown transfer, rejected by the owner',
  },
  statuses: { open: 'Refund pending', refunded: 'Refunded' },
};

export const refundsText = (lang: Lang) => (lang === 'en' ? en : vi);
