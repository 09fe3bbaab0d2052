/**
 * A generated catalogue that reads like a real one: farm products of the five categories from every
 * province, titles "product variety place" with grades and pack words, two or three sentences of
 * description drawn from how the seed listings (infra/local/src/seed/products.ts) are written, a third
 * with an English title. Deterministic (listing i is always the same), so runs compare.
 */
import { type CategorySlug, categorySlugs, type Product, SCAN_REGIONS } from '@chophien/core';

const products: Record<CategorySlug, readonly string[]> = {
  'rau-cu': [
    'Rau cải ngọt',
    'Cà rốt',
    'Hành tím',
    'Tỏi cô đơn',
    'Su hào',
    'Bắp cải',
    'Rau muống',
    'Khoai lang',
    'Khoai sọ',
    'Bí đỏ',
    'Măng tươi',
    'Su su',
    'Cà chua bi',
    'Dưa chuột',
    'Rau ngót',
  ],
  'trai-cay': [
    'Vải thiều',
    'Na dai',
    'Bưởi diễn',
    'Nhãn lồng',
    'Cam sành',
    'Xoài cát',
    'Thanh long ruột đỏ',
    'Mận hậu',
    'Hồng không hạt',
    'Chuối tiêu',
    'Dứa mật',
    'Ổi lê',
    'Quýt vàng',
    'Bơ sáp',
    'Mít tố nữ',
  ],
  'che-ca-phe': [
    'Chè búp',
    'Chè móc câu',
    'Trà xanh',
    'Cà phê Robusta',
    'Cà phê Arabica',
    'Trà shan tuyết',
    'Chè đinh',
    'Trà ô long',
    'Trà sen',
    'Trà túi lọc',
  ],
  'gao-ngu-coc': [
    'Gạo bao thai',
    'Gạo nếp cái hoa vàng',
    'Gạo ST25',
    'Ngô nếp',
    'Đậu xanh',
    'Gạo lứt',
    'Gạo tám thơm',
    'Lạc đỏ',
    'Vừng đen',
    'Đậu tương',
  ],
  'dac-san-che-bien': [
    'Miến dong',
    'Nem chua',
    'Mật ong hoa rừng',
    'Bánh đậu xanh',
    'Vải sấy',
    'Mắm tôm',
    'Mỳ gạo',
    'Măng khô',
    'Thịt trâu gác bếp',
    'Chả mực',
    'Tương bần',
    'Bánh chưng',
  ],
};
const english: Record<CategorySlug, readonly string[]> = {
  'rau-cu': [
    'greens',
    'carrots',
    'shallots',
    'garlic',
    'kohlrabi',
    'sweet potato',
    'pumpkin',
    'bamboo shoots',
  ],
  'trai-cay': [
    'lychee',
    'custard apple',
    'pomelo',
    'longan',
    'orange',
    'mango',
    'dragon fruit',
    'plum',
    'persimmon',
  ],
  'che-ca-phe': ['bud tea', 'green tea', 'robusta coffee', 'arabica coffee', 'shan tuyet tea', 'oolong tea'],
  'gao-ngu-coc': ['fragrant rice', 'sticky rice', 'ST25 rice', 'corn', 'mung beans', 'brown rice', 'peanuts'],
  'dac-san-che-bien': [
    'arrowroot noodles',
    'fermented pork',
    'forest honey',
    'mung bean cake',
    'dried lychee',
    'rice noodles',
  ],
};
const grades = [
  'loại 1',
  'loại đặc biệt',
  'hữu cơ',
  'VietGAP',
  'sạch',
  'vụ mới',
  'hái tay',
  'chín cây',
  'thượng hạng',
  'đóng hộp',
];
const syllables = [
  'Tân',
  'Cương',
  'La',
  'Hiên',
  'Thanh',
  'Hà',
  'Luận',
  'Thành',
  'Mộc',
  'Châu',
  'Bắc',
  'Sơn',
  'Ea',
  'Kao',
  'Phú',
  'Lương',
  'Đồng',
  'Hỷ',
  'Võ',
  'Nhai',
  'Định',
  'Hóa',
  'Yên',
  'Bình',
  'Quang',
  'Minh',
  'Hòa',
  'Trung',
  'Nam',
  'Tiến',
  'Lợi',
  'Phúc',
  'Xuân',
  'Thượng',
  'Hạ',
  'Việt',
  'Cường',
  'Hưng',
  'Long',
  'Khánh',
];
const sentences = [
  'Hái tay vào sáng sớm, đóng gói ngay tại vườn để giữ độ tươi.',
  'Vùng trồng đạt chuẩn VietGAP, có mã số vùng trồng và nhật ký canh tác đầy đủ.',
  'Giao trong ngày ở nội tỉnh, gửi xe khách đi các tỉnh khác.',
  'Không dùng thuốc diệt cỏ, bón phân chuồng ủ hoai.',
  'Hương thơm tự nhiên, vị ngọt đậm, hậu vị kéo dài.',
  'Sản phẩm OCOP của hợp tác xã, có tem truy xuất nguồn gốc trên từng gói.',
  'Bảo quản nơi khô ráo, tránh ánh nắng trực tiếp; dùng ngon nhất trong bảy ngày.',
  'Thu hoạch theo mùa, số lượng có hạn, đặt trước để được giao sớm.',
  'Đóng túi hút chân không, hộp giấy tái chế, phù hợp làm quà biếu.',
  'Gia đình tôi trồng ba đời trên đất đồi, tưới bằng nước suối.',
  'Sấy lạnh giữ màu và vitamin, không chất bảo quản.',
  'Nhận đổi trả nếu hàng dập hỏng khi giao, chụp ảnh gửi lại giúp chúng tôi.',
  'Cân đủ, giá tại vườn, hỗ trợ người mua mua số lượng lớn cho bếp ăn.',
  'Quả to đều, vỏ mỏng, cùi dày, hạt nhỏ.',
  'Nấu cơm dẻo, thơm mùi lá dứa, để nguội vẫn mềm.',
  'Pha nước xanh vàng, vị chát dịu, hậu ngọt sâu.',
];

/** A small deterministic PRNG (mulberry32): listing i draws the same words on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

/**
 * Vietnamese syllables as a real description spreads them: initials × rhymes (about 1,900 distinct words
 * once folded, as written Vietnamese has a few thousand syllables), drawn by Zipf's law, so a few words
 * ("và", "của") are everywhere and most are rare, as in real text.
 */
const initials = [
  '',
  'b',
  'c',
  'ch',
  'd',
  'đ',
  'g',
  'gi',
  'h',
  'k',
  'kh',
  'l',
  'm',
  'n',
  'ng',
  'nh',
  'p',
  'ph',
  'qu',
  'r',
  's',
  't',
  'th',
  'tr',
  'v',
  'x',
];
const rhymes = [
  'a',
  'ác',
  'ách',
  'ai',
  'am',
  'an',
  'ang',
  'anh',
  'ao',
  'áp',
  'át',
  'au',
  'ay',
  'ắc',
  'ăm',
  'ăn',
  'ăng',
  'ấc',
  'âm',
  'ân',
  'âng',
  'ập',
  'ất',
  'âu',
  'ây',
  'e',
  'em',
  'en',
  'eo',
  'ép',
  'ét',
  'ê',
  'êm',
  'ên',
  'ênh',
  'ết',
  'êu',
  'i',
  'ia',
  'ích',
  'iếc',
  'iêm',
  'iên',
  'iếng',
  'iết',
  'iêu',
  'im',
  'in',
  'inh',
  'ít',
  'iu',
  'o',
  'óc',
  'oi',
  'om',
  'on',
  'ong',
  'ót',
  'ô',
  'ốc',
  'ôi',
  'ôm',
  'ôn',
  'ông',
  'ột',
  'ơ',
  'ơi',
  'ơm',
  'ơn',
  'ớt',
  'u',
  'ua',
  'úc',
  'ui',
  'um',
  'un',
  'ung',
  'uôc',
  'uôi',
  'uôn',
  'uông',
  'uốt',
  'út',
  'ư',
  'ưa',
  'ực',
  'ưi',
  'ưng',
  'ước',
  'ươi',
  'ươm',
  'ươn',
  'ương',
  'ướt',
  'ưu',
  'y',
  'yên',
  'yêu',
];
const syllableWords = initials.flatMap((initial) => rhymes.map((rhyme) => `${initial}${rhyme}`));
/** Cumulative Zipf weights (rank^-1) over the syllables. */
const zipf = (() => {
  const weights = syllableWords.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let running = 0;
  return weights.map((w) => (running += w / total));
})();
function zipfWord(next: () => number): string {
  const r = next();
  let lo = 0;
  let hi = zipf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((zipf[mid] as number) < r) lo = mid + 1;
    else hi = mid;
  }
  return syllableWords[lo] as string;
}

/** 34 provinces × 98 communes each: Vietnam has 3,321 communes and wards since 2025-07-01. */
function place(next: () => number): [province: string, commune: string] {
  const p = Math.floor(next() * SCAN_REGIONS.length);
  const c = Math.floor(next() * 98);
  const first = syllables[(p * 7 + c) % syllables.length] as string;
  const second = syllables[(p * 13 + c * 3 + 1) % syllables.length] as string;
  return [SCAN_REGIONS[p] as string, `xã ${first} ${second}`];
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A ULID as the platform mints them (time, then 80 random bits), drawn from the listing's own PRNG. */
function ulidAt(ms: number, next: () => number): string {
  let time = '';
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32] + time;
  return time + Array.from({ length: 16 }, () => pick(next, [...CROCKFORD])).join('');
}

export function generatedListing(i: number, farmerId: string): Product {
  const next = random(i + 1);
  const createdMs = Date.UTC(2026, 0, 1) + i * 37_000;
  const category = pick(next, categorySlugs);
  const [province, commune] = place(next);
  const title = `${pick(next, products[category])} ${commune.replace('xã ', '')} ${pick(next, grades)}`;
  // One or two sentences as farmers write them, then 10–40 words of their own.
  const own = Array.from({ length: 10 + Math.floor(next() * 31) }, () => zipfWord(next)).join(' ');
  const description = `${pick(next, sentences)} ${next() < 0.5 ? `${pick(next, sentences)} ` : ''}${own}.`;
  const at = new Date(createdMs).toISOString();
  const price = 15_000 + Math.floor(next() * 80) * 5_000;
  const ocop = next();
  return {
    id: ulidAt(createdMs, next),
    slug: `bench-${i}`,
    farmerId,
    title: {
      vi: title,
      ...(next() < 0.3 ? { en: `${pick(next, english[category])} from ${province}` } : {}),
    },
    description: { vi: description },
    category,
    baseUnit: 'g',
    packs: [
      { id: 'goi', label: { vi: 'Gói 500 g' }, size: 500, priceVnd: price },
      { id: 'tui', label: { vi: 'Túi 1 kg' }, size: 1000, priceVnd: price * 2 - 5_000 },
    ],
    stock: 100_000,
    province,
    commune,
    ...(ocop < 0.25 ? { ocopStars: 3 + Math.floor(ocop * 12) } : {}),
    imageUrls: [],
    lotIds: [],
    status: 'published',
    createdAt: at,
    updatedAt: at,
  };
}

/** What buyers type: product words without diacritics, half-typed, with a place, one with a typo. */
export const benchQueries = [
  'che thai nguyen',
  'vai thieu',
  'na la hien',
  'gao st25',
  'mat ong hoa rung',
  'ca phe',
  'mien dong tan cuong',
  'buoi',
  'cam sanh ha giang',
  'gao nep cai hoa vang',
  'xoai cat',
  'thanh long ruot do',
  'nem chua thanh hoa',
  'tra shan tuyet',
  'khoai lang',
  'mang kho',
  'vai thi',
  'nhan long hung yen',
  'banh dau xanh',
  'thit trau gac bep',
  'vietgap',
  'huu co',
  'mit to nu',
  'lychee',
];
