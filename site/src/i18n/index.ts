/**
 * Storefront text. Vietnamese is the source language; English is a courtesy for visitors
 * and must carry the same keys (the type below makes a missing key a compile error).
 */
export const langs = ['vi', 'en'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'vi';

const vi = {
  'site.name': 'Chợ Phiên',
  'site.tagline': 'Nông sản quê, rõ nguồn gốc, trả tiền bằng VietQR',
  'site.description':
    'Chợ Phiên: mua chè Thái Nguyên, na La Hiên, vải thiều Thanh Hà, miến Việt Cường… trực tiếp từ hộ nông dân, truy xuất nguồn gốc, thanh toán VietQR.',
  'nav.label': 'Danh mục',
  'nav.home': 'Trang chủ',
  'nav.skip': 'Bỏ qua, đến nội dung chính',
  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',
  'home.title': 'Chợ Phiên — nông sản quê rõ nguồn gốc',
  'home.hero': 'Phiên chợ quê, ngay trên điện thoại',
  'home.heroLead': 'Mua tận gốc từ hộ nông dân các tỉnh. Mỗi sản phẩm ghi rõ nơi trồng, nơi làm.',
  'home.trust.origin': 'Rõ nguồn gốc, quét mã là biết',
  'home.trust.pay': 'Trả tiền VietQR, mọi ngân hàng',
  'home.trust.direct': 'Tiền về thẳng tài khoản nhà vườn',
  'home.products': 'Sản phẩm mới lên phiên',
  'home.allCategories': 'Tất cả',
  'home.seeAll': 'Xem tất cả',
  'home.filterLabel': 'Lọc theo danh mục',
  'home.count': 'sản phẩm',
  'home.empty': 'Phiên chợ chưa có sản phẩm nào. Bà con quay lại sau nhé!',
  'home.emptyCategory': 'Danh mục này chưa có sản phẩm. Xem các danh mục khác nhé.',
  'home.unavailable': 'Chưa tải được danh sách sản phẩm. Vui lòng thử lại sau ít phút.',
  'home.retry': 'Tải lại trang',
  'product.from': 'từ',
  'product.ocop': 'OCOP',
  'product.ocopLabel': 'Sản phẩm OCOP {stars} sao',
  'product.soldOut': 'Hết hàng',
  'product.view': 'Xem sản phẩm',
  'product.packs': '{count} loại đóng gói',
  'unit.g': 'g',
  'unit.ml': 'ml',
  'unit.piece': 'quả',
  'unit.bunch': 'bó',
  'notFound.title': 'Không tìm thấy trang',
  'notFound.heading': 'Không tìm thấy trang này',
  'notFound.body': 'Đường dẫn có thể đã sai hoặc sản phẩm đã hết phiên.',
  'notFound.home': 'Về trang chủ',
  'error.title': 'Có lỗi xảy ra',
  'error.heading': 'Xin lỗi, trang đang gặp sự cố',
  'error.body': 'Chúng tôi đã ghi nhận lỗi. Bà con vui lòng thử lại sau ít phút.',
  'footer.about': 'Chợ Phiên kết nối hộ nông dân, tiểu thương và người mua ở các tỉnh.',
  'footer.help': 'Cần hỗ trợ? Hỏi tổ công nghệ số cộng đồng ở xã, phường của bạn.',
  'footer.rights': 'Dữ liệu tỉnh, xã theo đơn vị hành chính từ 01/07/2025.',
  'footer.privacy': 'Dữ liệu cá nhân của bạn: xem, tải về, rút lại đồng ý, xoá tài khoản',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'site.name': 'Chợ Phiên',
  'site.tagline': 'Traceable country produce, paid by VietQR',
  'site.description':
    'Chợ Phiên: buy Thái Nguyên tea, La Hiên custard apples, Thanh Hà lychees, Việt Cường vermicelli… straight from farming households, traceable, paid by VietQR.',
  'nav.label': 'Categories',
  'nav.home': 'Home',
  'nav.skip': 'Skip to main content',
  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',
  'home.title': 'Chợ Phiên — traceable country produce',
  'home.hero': 'The village market day, on your phone',
  'home.heroLead':
    'Buy straight from farming households across the provinces. Every product says where it was grown and made.',
  'home.trust.origin': 'Traceable: scan the code to see the source',
  'home.trust.pay': 'Pay by VietQR from any bank',
  'home.trust.direct': 'Money goes straight to the farm’s account',
  'home.products': 'New at the market',
  'home.allCategories': 'All',
  'home.seeAll': 'See all',
  'home.filterLabel': 'Filter by category',
  'home.count': 'products',
  'home.empty': 'No products at the market yet. Please come back soon!',
  'home.emptyCategory': 'Nothing in this category yet. Try another one.',
  'home.unavailable': 'We could not load the products. Please try again in a few minutes.',
  'home.retry': 'Reload the page',
  'product.from': 'from',
  'product.ocop': 'OCOP',
  'product.ocopLabel': 'OCOP {stars}-star product',
  'product.soldOut': 'Sold out',
  'product.view': 'View product',
  'product.packs': '{count} pack sizes',
  'unit.g': 'g',
  'unit.ml': 'ml',
  'unit.piece': 'pc',
  'unit.bunch': 'bunch',
  'notFound.title': 'Page not found',
  'notFound.heading': 'We could not find this page',
  'notFound.body': 'The link may be wrong, or the product has left the market.',
  'notFound.home': 'Back to the home page',
  'error.title': 'Something went wrong',
  'error.heading': 'Sorry, this page ran into a problem',
  'error.body': 'The error has been logged. Please try again in a few minutes.',
  'footer.about': 'Chợ Phiên connects farming households, market vendors and buyers across the provinces.',
  'footer.help': 'Need help? Ask the community digital technology team in your commune.',
  'footer.rights': 'Provinces and communes follow the administrative units in force since 1 July 2025.',
  'footer.privacy': 'Your personal data: see, download, withdraw consent, delete your account',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

export const isLang = (value: unknown): value is Lang => langs.includes(value as Lang);

/** A message in `lang`; `{name}` placeholders are filled from `params`. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const message = dictionaries[lang][key] ?? dictionaries.vi[key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Picks the text for `lang` from a `{vi, en?}` pair, falling back to Vietnamese. */
export function pickText(
  lang: Lang,
  text: { readonly vi: string; readonly en?: string | undefined },
): string {
  if (lang === 'en' && text.en && text.en.trim() !== '') return text.en;
  return text.vi;
}

/** URL prefix per language: Vietnamese lives at the root, English under /en. */
const EN_PREFIX = '/en';

/** Splits a request path into its language and the language-free path (always starting with "/"). */
export function splitLangPath(pathname: string): { lang: Lang; path: string } {
  if (pathname === EN_PREFIX || pathname.startsWith(`${EN_PREFIX}/`)) {
    return { lang: 'en', path: pathname.slice(EN_PREFIX.length) || '/' };
  }
  return { lang: 'vi', path: pathname || '/' };
}

/** The URL path of `path` (language-free, starting with "/") in `lang`. */
export function localizePath(lang: Lang, path: string): string {
  const clean = path.startsWith('/') ? path : `/${path}`;
  if (lang === 'vi') return clean;
  return clean === '/' ? `${EN_PREFIX}/` : `${EN_PREFIX}${clean}`;
}

/** BCP 47 tag for `<html lang>` and Open Graph locale. */
export const htmlLang = (lang: Lang): string => lang;
export const ogLocale = (lang: Lang): string => (lang === 'vi' ? 'vi_VN' : 'en_US');

/**
 * The request's language and language-free path: what the middleware put in `locals`, or, when a
 * page renders without it (Astro's own error rendering), worked out from the URL again.
 */
export function requestLang(
  locals: { lang?: Lang; path?: string } | undefined,
  url: URL,
): { lang: Lang; path: string } {
  if (locals?.lang && locals.path) return { lang: locals.lang, path: locals.path };
  return splitLangPath(url.pathname);
}
