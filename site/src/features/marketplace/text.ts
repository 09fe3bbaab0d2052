import type { OrderStatus } from '@chophien/core';
import type { Lang } from '../../i18n/index.ts';

const vi = {
  packs: 'Quy cách đóng gói',
  pack: 'Quy cách',
  quantity: 'Số lượng',
  addToCart: 'Thêm vào giỏ',
  available: (n: number) => `còn ${n}`,
  soldOut: 'Hết hàng',
  seller: 'Người bán',
  origin: 'Xuất xứ',
  ocop: (n: number) => `Sản phẩm OCOP ${n} sao`,
  harvest: 'Mùa thu hoạch',
  preorder: (d: string) => `Đặt trước – giao từ ngày thu hoạch ${d}`,
  trace: 'Xem nguồn gốc lô hàng',
  cart: 'Giỏ hàng',
  cartEmpty: 'Giỏ hàng đang trống.',
  remove: 'Bỏ',
  update: 'Cập nhật',
  subtotal: 'Tạm tính',
  perFarmer: 'Mỗi nông hộ một đơn, trả thẳng vào tài khoản của nông hộ.',
  checkout: 'Thanh toán',
  continueShopping: 'Tiếp tục mua',
  contact: 'Thông tin nhận hàng',
  name: 'Họ và tên',
  phone: 'Số điện thoại',
  address: 'Địa chỉ giao hàng',
  fulfilment: 'Cách nhận hàng',
  delivery: 'Giao tận nơi',
  pickup: 'Nhận tại nhà vườn',
  note: 'Ghi chú',
  placeOrder: 'Đặt hàng',
  signInNeeded: 'Cần đăng nhập để đặt hàng.',
  token: 'Mã đăng nhập (từ POST /dev/token)',
  signIn: 'Đăng nhập',
  order: 'Đơn hàng',
  orders: 'Đơn hàng của tôi',
  code: 'Mã đơn',
  total: 'Tổng tiền',
  paid: 'Đã trả',
  remainder: 'Còn phải trả',
  payBy: 'Hạn thanh toán',
  payTo: 'Chuyển khoản tới',
  scan: 'Quét mã VietQR bằng ứng dụng ngân hàng. Số tiền và nội dung đã điền sẵn.',
  memo: 'Nội dung chuyển khoản',
  history: 'Tiến trình',
  notFound: 'Không tìm thấy đơn hàng.',
  error: 'Không đặt được hàng',
} as const;

type Text = {
  [K in keyof typeof vi]: (typeof vi)[K] extends (...args: infer A) => string
    ? (...args: A) => string
    : string;
};

const en: Text = {
  packs: 'Pack sizes',
  pack: 'Pack',
  quantity: 'Quantity',
  addToCart: 'Add to cart',
  available: (n) => `${n} left`,
  soldOut: 'Sold out',
  seller: 'Seller',
  origin: 'Origin',
  ocop: (n) => `OCOP ${n}-star product`,
  harvest: 'Harvest',
  preorder: (d) => `Pre-order – delivered from harvest day ${d}`,
  trace: 'See where this lot comes from',
  cart: 'Cart',
  cartEmpty: 'Your cart is empty.',
  remove: 'Remove',
  update: 'Update',
  subtotal: 'Subtotal',
  perFarmer: 'One order per farming household, paid straight to the household’s account.',
  checkout: 'Checkout',
  continueShopping: 'Continue shopping',
  contact: 'Delivery details',
  name: 'Full name',
  phone: 'Phone number',
  address: 'Delivery address',
  fulfilment: 'How to receive',
  delivery: 'Deliver to me',
  pickup: 'Pick up at the farm',
  note: 'Note',
  placeOrder: 'Place order',
  signInNeeded: 'Sign in to place an order.',
  token: 'Sign-in token (from POST /dev/token)',
  signIn: 'Sign in',
  order: 'Order',
  orders: 'My orders',
  code: 'Order code',
  total: 'Total',
  paid: 'Paid',
  remainder: 'Still to pay',
  payBy: 'Pay by',
  payTo: 'Transfer to',
  scan: 'Scan the VietQR with your banking app. Amount and memo are filled in.',
  memo: 'Transfer memo',
  history: 'Progress',
  notFound: 'Order not found.',
  error: 'Could not place the order',
};

export const marketplaceText = (lang: Lang): Text => (lang === 'en' ? en : (vi as unknown as Text));

const statusText: Record<OrderStatus, { vi: string; en: string }> = {
  pending_payment: { vi: 'Chờ thanh toán', en: 'Awaiting payment' },
  paid: { vi: 'Đã thanh toán', en: 'Paid' },
  ready: { vi: 'Sẵn sàng để nhận', en: 'Ready for pickup' },
  shipped: { vi: 'Đang giao', en: 'Shipped' },
  completed: { vi: 'Hoàn tất', en: 'Completed' },
  cancelled: { vi: 'Đã huỷ', en: 'Cancelled' },
  expired: { vi: 'Quá hạn thanh toán', en: 'Payment window expired' },
};
export const orderStatusText = (lang: Lang, status: OrderStatus) => statusText[status][lang];

const timeFormat = {
  vi: new Intl.DateTimeFormat('vi-VN', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }),
};
/** Times are stored UTC and always shown in Vietnam's time zone. */
export const showTime = (lang: Lang, iso: string) => timeFormat[lang].format(new Date(iso));
