import type { Lang } from '../../i18n/index.ts';
import type { SignInFailure } from './identity.ts';

/** Sign-in text, Vietnamese first; English must carry the same keys (the type checks it). */
const vi = {
  title: 'Đăng nhập',
  lead: 'Nhập số điện thoại, chúng tôi gửi mã xác nhận qua tin nhắn SMS. Số mới sẽ được tạo tài khoản người mua.',
  phone: 'Số điện thoại',
  phoneHint: 'Ví dụ: 0987 000 011',
  send: 'Gửi mã',
  code: 'Mã xác nhận',
  codeHint: 'Mã gồm 6 chữ số, dùng trong 5 phút.',
  codeSentTo: 'Đã gửi mã tới số {phone}.',
  devCode: 'Mã thử (máy chạy thử, không gửi SMS)',
  signIn: 'Đăng nhập',
  otherNumber: 'Đổi số điện thoại hoặc xin mã mới',
  signedInAs: 'Bạn đang đăng nhập là {name}.',
  continue: 'Tiếp tục',
  signOut: 'Đăng xuất',
  account: 'Tài khoản',
  signInWithPhone: 'Đăng nhập bằng số điện thoại',
  wrongAccount: 'Tài khoản {name} không dùng được trang này. Hãy đăng nhập bằng số khác.',
  codeFormat: 'Mã xác nhận gồm 6 chữ số.',
  invalid_phone: 'Số điện thoại chưa đúng. Hãy nhập số di động Việt Nam, ví dụ 0987 000 011.',
  unknown_phone: 'Số này chưa có tài khoản.',
  wrong_code: 'Mã xác nhận không đúng.',
  triesLeft: 'Còn {count} lần thử.',
  expired: 'Mã đã hết hạn. Vui lòng xin mã mới.',
  too_many_tries: 'Nhập sai quá nhiều lần. Vui lòng xin mã mới.',
  no_code: 'Chưa có mã đang chờ cho số này. Vui lòng xin mã mới.',
  rate_limited: 'Bạn đã xin mã quá nhiều lần. Vui lòng đợi vài phút rồi thử lại.',
  unavailable: 'Chưa đăng nhập được lúc này. Vui lòng thử lại sau ít phút.',
  signed_up_new_code: 'Đã tạo tài khoản. Chúng tôi vừa gửi một mã mới để đăng nhập, vui lòng nhập mã đó.',
} as const;

type Key = keyof typeof vi;

const en: Record<Key, string> = {
  title: 'Sign in',
  lead: 'Enter your phone number and we will text you a code. A new number gets a buyer account.',
  phone: 'Phone number',
  phoneHint: 'For example: 0987 000 011',
  send: 'Send code',
  code: 'Verification code',
  codeHint: 'The code has 6 digits and works for 5 minutes.',
  codeSentTo: 'We sent a code to {phone}.',
  devCode: 'Test code (local machine, no SMS sent)',
  signIn: 'Sign in',
  otherNumber: 'Use another number or get a new code',
  signedInAs: 'You are signed in as {name}.',
  continue: 'Continue',
  signOut: 'Sign out',
  account: 'Account',
  signInWithPhone: 'Sign in with your phone number',
  wrongAccount: 'The account {name} cannot use this page. Please sign in with another number.',
  codeFormat: 'The code has 6 digits.',
  invalid_phone:
    'That phone number does not look right. Enter a Vietnamese mobile number, e.g. 0987 000 011.',
  unknown_phone: 'This number has no account yet.',
  wrong_code: 'That code is not right.',
  triesLeft: '{count} tries left.',
  expired: 'The code has expired. Please ask for a new one.',
  too_many_tries: 'Too many wrong tries. Please ask for a new code.',
  no_code: 'No code is waiting for this number. Please ask for a new one.',
  rate_limited: 'Too many codes asked for. Please wait a few minutes and try again.',
  unavailable: 'We cannot sign you in right now. Please try again in a few minutes.',
  signed_up_new_code: 'Your account is ready. We just sent a new code to sign in; please enter it.',
};

export type AuthText = Record<Key, string>;

export const authText = (lang: Lang): AuthText => (lang === 'en' ? en : vi);

export const failureText = (tx: AuthText, failure: SignInFailure, triesLeft?: number): string =>
  failure === 'wrong_code' && triesLeft !== undefined
    ? `${tx.wrong_code} ${tx.triesLeft.replace('{count}', String(triesLeft))}`
    : tx[failure];
