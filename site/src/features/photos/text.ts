import type { Lang } from '../../i18n/index.ts';
import { STOREFRONT_PHOTO_MAX_MB } from './limits.ts';

/** The listing photos page's strings (site/src/pages/nong-dan/san-pham/[listingId]/anh.astro). */
const vi = {
  title: 'Ảnh sản phẩm',
  lead: (max: number) =>
    `Tối đa ${max} ảnh, mỗi ảnh JPEG, PNG hoặc WebP không quá ${STOREFRONT_PHOTO_MAX_MB} MB. Ảnh đầu tiên là ảnh bìa. Thông tin vị trí trong ảnh được xoá trước khi đăng.`,
  count: (n: number, max: number) => `Đã có ${n}/${max} ảnh.`,
  none: 'Sản phẩm chưa có ảnh nào.',
  cover: 'Ảnh bìa',
  makeCover: 'Đặt làm ảnh bìa',
  remove: 'Xoá ảnh',
  upload: 'Thêm ảnh',
  file: 'Chọn ảnh',
  altVi: 'Mô tả ảnh (tiếng Việt)',
  altViHint: 'Ví dụ: Búp chè non vừa hái trên nương. Người khiếm thị nghe mô tả này.',
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
    `Up to ${max} photos, each a JPEG, PNG or WebP of at most ${STOREFRONT_PHOTO_MAX_MB} MB. The first photo is the cover. Location data in photos is removed before publishing.`,
  count: (n, max) => `${n}/${max} photos.`,
  none: 'This listing has no photos yet.',
  cover: 'Cover photo',
  makeCover: 'Make cover',
  remove: 'Remove photo',
  upload: 'Add a photo',
  file: 'Choose a photo',
  altVi: 'Photo description (Vietnamese)',
  altViHint: 'E.g. Young tea buds just picked on the hill. Blind buyers hear this description.',
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
