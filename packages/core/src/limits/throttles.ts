import type { LimitRule } from './attempts.ts';
import type { Throttle } from './throttle.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every throttle of the platform, in one table, so the numbers can be read and argued about together.
 * Each SMS costs money and lands on someone's phone; each unpaid order holds stock someone else could buy.
 * "client" is the caller's network address (the API's source IP, the storefront's client address).
 */
export const THROTTLES = {
  /** Sign-in codes to one phone: enough for a mistyped code and a slow network, not for flooding it. */
  signInCodePerPhone: {
    name: 'signin-code-phone',
    max: 3,
    windowMs: 15 * MINUTE,
    refusal: {
      vi: 'Số điện thoại này đã nhận nhiều mã đăng nhập. Vui lòng đợi {minutes} phút rồi thử lại.',
      en: 'This number has been sent several sign-in codes. Please wait {minutes} min and try again.',
    },
  },
  signInCodePerPhoneDaily: {
    name: 'signin-code-phone-day',
    max: 10,
    windowMs: 24 * HOUR,
    refusal: {
      vi: 'Số điện thoại này đã nhận quá nhiều mã đăng nhập hôm nay. Vui lòng thử lại sau {minutes} phút.',
      en: 'This number has had too many sign-in codes today. Please try again in {minutes} min.',
    },
  },
  /** One network asking codes for many phones (a commune office shares one connection: generous). */
  signInCodePerClient: {
    name: 'signin-code-client',
    max: 30,
    windowMs: HOUR,
    refusal: {
      vi: 'Có quá nhiều yêu cầu mã đăng nhập từ mạng của bạn. Vui lòng thử lại sau {minutes} phút.',
      en: 'Too many sign-in code requests from your network. Please try again in {minutes} min.',
    },
  },
  /** Account-change codes go to the owner's own phone: a stolen session must not be able to flood it. */
  accountChangeCodePerOwner: {
    name: 'account-change-code-owner',
    max: 5,
    windowMs: HOUR,
    refusal: {
      vi: 'Bạn đã yêu cầu mã đổi tài khoản nhiều lần. Vui lòng đợi {minutes} phút rồi thử lại.',
      en: 'You have asked for several account-change codes. Please wait {minutes} min and try again.',
    },
  },
  accountChangeCodePerOwnerDaily: {
    name: 'account-change-code-owner-day',
    max: 10,
    windowMs: 24 * HOUR,
    refusal: {
      vi: 'Bạn đã yêu cầu quá nhiều mã đổi tài khoản hôm nay. Vui lòng thử lại sau {minutes} phút.',
      en: 'You have asked for too many account-change codes today. Please try again in {minutes} min.',
    },
  },
  accountChangeCodePerClient: {
    name: 'account-change-code-client',
    max: 20,
    windowMs: HOUR,
    refusal: {
      vi: 'Có quá nhiều yêu cầu đổi tài khoản từ mạng của bạn. Vui lòng thử lại sau {minutes} phút.',
      en: 'Too many account-change requests from your network. Please try again in {minutes} min.',
    },
  },
  /** Checkouts hold stock: a buyer placing order after order without paying is stopped early. */
  checkoutPerBuyer: {
    name: 'checkout-buyer',
    max: 10,
    windowMs: HOUR,
    refusal: {
      vi: 'Bạn đã đặt nhiều đơn trong một giờ qua. Vui lòng thanh toán các đơn đã đặt, hoặc thử lại sau {minutes} phút.',
      en: 'You have placed many orders in the past hour. Please pay the ones you placed, or try again in {minutes} min.',
    },
  },
} as const satisfies Record<string, Throttle>;

/** Tries of one code or PIN, for its whole life (no window: waiting does not buy more guesses). */
export const CODE_TRIES: LimitRule = { max: 5 };
