import type { Lang } from '../../i18n/index.ts';

/** The market pages' own strings. */
const vi = {
  tillTitle: 'Quầy thu trực tiếp',
  tillIntro: 'Mỗi khoản tiền đã được ngân hàng xác nhận hiện ở đây trong vòng một giây và được đọc to.',
  tillEmpty: 'Chưa có khoản nào hôm nay.',
  tillToday: 'Hôm nay đã nhận',
  tillPayments: 'khoản',
  tillLive: 'Đang nghe thông báo thanh toán…',
  tillSound: 'Bật loa đọc số tiền',
  signInTitle: 'Đăng nhập người bán',
  signInHelp:
    'Dán mã đăng nhập (token) của bạn. Trên máy chạy thử: POST /dev/token với số điện thoại người bán.',
  signInButton: 'Đăng nhập',
  signInFailed: 'Mã đăng nhập không hợp lệ hoặc không phải tài khoản người bán.',
  stall: 'Sạp',
  sellTitle: 'Bán hàng – tạo mã QR',
  sellAmount: 'Số tiền (đồng)',
  sellButton: 'Tạo mã QR',
  sellCode: 'Mã đơn bán',
  sellScan: 'Khách quét mã này bằng ứng dụng ngân hàng bất kỳ.',
  sellTodaySales: 'Đơn bán hôm nay',
  statusOpen: 'chờ thanh toán',
  statusPaid: 'đã thanh toán',
};

const en: typeof vi = {
  tillTitle: 'Live till',
  tillIntro: 'Every payment your bank has confirmed appears here within a second and is read aloud.',
  tillEmpty: 'No payments yet today.',
  tillToday: 'Received today',
  tillPayments: 'payments',
  tillLive: 'Listening for payment notifications…',
  tillSound: 'Turn on the spoken amounts',
  signInTitle: 'Vendor sign-in',
  signInHelp: 'Paste your sign-in token. On a local stack: POST /dev/token with a vendor phone number.',
  signInButton: 'Sign in',
  signInFailed: 'The token is not valid or not a vendor account.',
  stall: 'Stall',
  sellTitle: 'Sell – make a QR code',
  sellAmount: 'Amount (VND)',
  sellButton: 'Make QR code',
  sellCode: 'Sale code',
  sellScan: 'The buyer scans this with any bank app.',
  sellTodaySales: "Today's sales",
  statusOpen: 'awaiting payment',
  statusPaid: 'paid',
};

export const marketsText = (lang: Lang) => (lang === 'en' ? en : vi);

const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
export const showClock = (iso: string): string => timeFormat.format(new Date(iso));
