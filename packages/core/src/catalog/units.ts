import type { LocalizedMessage } from '../errors/domain-error.ts';

/**
 * One list of units for everything a farm sells or packs: listings (stock pool and packs) and lots
 * (trace quantities) both draw from it, so a farmer meets the same words everywhere.
 * `maxStock` bounds a stock pool to what one household could really hold (10 tonnes, 10,000 l,
 * 100,000 pieces or boxes): a slip of the thumb ("5000000") is refused instead of going live.
 */
export const units = {
  g: { vi: 'g', en: 'g', maxStock: 10_000_000 },
  kg: { vi: 'kg', en: 'kg', maxStock: 10_000 },
  ml: { vi: 'ml', en: 'ml', maxStock: 10_000_000 },
  l: { vi: 'lít', en: 'l', maxStock: 10_000 },
  piece: { vi: 'quả', en: 'pc', maxStock: 100_000 },
  bunch: { vi: 'bó', en: 'bunch', maxStock: 100_000 },
  box: { vi: 'hộp', en: 'box', maxStock: 100_000 },
  bottle: { vi: 'chai', en: 'bottle', maxStock: 100_000 },
  bag: { vi: 'túi', en: 'bag', maxStock: 100_000 },
  pack: { vi: 'gói', en: 'pack', maxStock: 100_000 },
  // What a market stall sells by (issue #17.1): a live chicken or a fish is "con", eggs and fruit
  // are sold by the "chục" (ten, or twelve/fourteen in some markets: the vendor's price says which).
  head: { vi: 'con', en: 'head', maxStock: 100_000 },
  ten: { vi: 'chục', en: 'ten', maxStock: 100_000 },
} as const satisfies Record<string, LocalizedMessage & { maxStock: number }>;

export type Unit = keyof typeof units;
export const unitIds = Object.keys(units) as [Unit, ...Unit[]];

export const unitLabel = (unit: Unit, lang: 'vi' | 'en'): string => units[unit][lang];
