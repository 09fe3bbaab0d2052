import type { Lang } from '../../i18n/index.ts';
import { STOREFRONT_PHOTO_MAX_MB } from './limits.ts';

/** The listing photos page's strings (site/src/pages/nong-dan/san-pham/[listingId]/anh.astro). */
const vi = {
  title: 'Ảnh sản phẩm',
  lead: (max: number) =>
    `Tối đa ${max} ảnh JPEG, PNG hoặc WebP, chụp bằng điện thoại là được (ảnh lớn được thu nhỏ trước khi gửi; nếu trình duyệt tắt JavaScript, mỗi ảnh không quá ${STOREFRONT_PHOTO_MAX_MB} MB). Ảnh đầu tiên là ảnh bìa. Thông tin vị trí trong ảnh được xoá trước khi đăng.`,
  count: (n: number, max: number) => `Đã có ${n}/${max} ảnh.`,
  none: 'Sản phẩm chưa có ảnh nào.',
  cover: 'Ảnh bìa',
  makeCover: 'Đặt làm ảnh bìa',
  remove: 'Xoá ảnh',
  upload: 'Thêm ảnh',
  file: 'Chọn ảnh',
  altVi: 'Mô tả ảnh (tiếng Việt, không bắt buộc)',
  fileHint: 'Chọn ảnh trong máy hoặc chụp mới.',
  shrunk: 'Đã thu nhỏ ảnh từ {from} xuống {to} để gửi nhanh hơn.',
  defaultAlt: (title: string) => (title ? `Ảnh sản phẩm ${title}` : 'Ảnh sản phẩm'),
  altViHint:
    'Ví dụ: Búp chè non vừa hái trên nương. Người khiếm thị nghe mô tả này. Bỏ trống thì dùng tên sản phẩm.',
  altEn: 'Mô tả ảnh (tiếng Anh, không bắt buộc)',
  submit: 'Tải ảnh lên',
  added: 'Đã thêm ảnh.',
  removed: 'Đã xoá ảnh.',
  covered: 'Đã đổi ảnh bìa.',
  noFile: 'Hãy chọn một tệp ảnh.',
  tooLarge: `Ảnh nặng quá ${STOREFRONT_PHOTO_MAX_MB} MB. Hãy chọn ảnh nhỏ hơn hoặc chụp lại ở chất lượng thấp hơn.`,
  failed: 'Chưa lưu được',
  signIn: 'Cần đăng nhập bằng tài khoản nông hộ (hoặc cán bộ xã đã đăng thay) để quản lý ảnh.',
  signInLink: 'Đăng nhập',
  forbidden: 'Bạn không có quyền sửa ảnh của sản phẩm này.',
  notFound: 'Không tìm thấy sản phẩm.',
  back: 'Về bàn làm việc nông hộ',
  view: 'Xem trang sản phẩm',
};

type Text = {
  [K in keyof typeof vi]: (typeof vi)[K] extends (...a: infer A) => string ? (...a: A) => string : string;
};

const en: Text = {
  title: 'Product photos',
  lead: (max) =>
    `Up to ${max} JPEG, PNG or WebP photos; a phone photo is fine (large ones are shrunk before sending; with JavaScript off, at most ${STOREFRONT_PHOTO_MAX_MB} MB each). The first photo is the cover. Location data in photos is removed before publishing.`,
  count: (n, max) => `${n}/${max} photos.`,
  none: 'This listing has no photos yet.',
  cover: 'Cover photo',
  makeCover: 'Make cover',
  remove: 'Remove photo',
  upload: 'Add a photo',
  file: 'Choose a photo',
  altVi: 'Photo description (Vietnamese, optional)',
  fileHint: 'Choose a photo on the phone or take a new one.',
  shrunk: 'Photo shrunk from {from} to {to} to send faster.',
  defaultAlt: (title) => (title ? `Photo of ${title}` : 'Product photo'),
  altViHint:
    'E.g. Young tea buds just picked on the hill. Blind buyers hear this description. Left blank, the product name is used.',
  altEn: 'Photo description (English, optional)',
  submit: 'Upload photo',
  added: 'Photo added.',
  removed: 'Photo removed.',
  covered: 'Cover photo changed.',
  noFile: 'Choose a photo file.',
  tooLarge: `The photo is over ${STOREFRONT_PHOTO_MAX_MB} MB. Choose a smaller one or take it again at a lower quality.`,
  failed: 'Not saved',
  signIn: 'Sign in with the household’s account (or as the commune officer who listed it) to manage photos.',
  signInLink: 'Sign in',
  forbidden: 'You may not edit this listing’s photos.',
  notFound: 'Listing not found.',
  back: 'Back to the farmer desk',
  view: 'View the product page',
};

export const photoText = (lang: Lang): Text => (lang === 'en' ? en : vi);
