import type { LocalizedMessage } from '../errors/domain-error.ts';

export const categories = {
  'rau-cu': { vi: 'Rau củ', en: 'Vegetables' },
  'trai-cay': { vi: 'Trái cây', en: 'Fruit' },
  'che-ca-phe': { vi: 'Chè & cà phê', en: 'Tea & coffee' },
  'gao-ngu-coc': { vi: 'Gạo & ngũ cốc', en: 'Rice & grains' },
  'dac-san-che-bien': { vi: 'Đặc sản chế biến', en: 'Processed specialities' },
} as const satisfies Record<string, LocalizedMessage>;

export type CategorySlug = keyof typeof categories;
export const categorySlugs = Object.keys(categories) as [CategorySlug, ...CategorySlug[]];
