import * as z from 'zod';
import { bilingual } from '../errors/zod-issues.ts';
import { listingPhotoSchema } from '../marketplace/photo.ts';
import { vndAmount } from '../money/vnd.ts';
import { categorySlugs } from './categories.ts';
import { type Unit, unitIds } from './units.ts';

/**
 * Stock lives in one pool counted in the base unit; every pack draws `size` base units from it.
 * The units are the one list shared with lots (catalog/units.ts).
 */
export const baseUnits = unitIds;
export type BaseUnit = Unit;

export const productStatuses = ['draft', 'published', 'sold_out', 'archived'] as const;
export type ProductStatus = (typeof productStatuses)[number];

export const localizedText = (maxLength: number) =>
  z.object({
    vi: z
      .string()
      .trim()
      .min(1, bilingual('Cần nhập tiếng Việt.', 'Vietnamese text is required.'))
      .max(maxLength),
    en: z.string().trim().max(maxLength).optional(),
  });

export const packSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,32}$/),
  label: localizedText(60),
  /** Base units drawn from the stock pool per pack (e.g. 500 for a 500 g pack). */
  size: z.number().int().positive(),
  priceVnd: vndAmount,
});
export type Pack = z.infer<typeof packSchema>;

export const productSchema = z.object({
  id: z.string(),
  slug: z.string(),
  farmerId: z.string(),
  farmId: z.string().optional(),
  /** GTIN-14 of the producer's own GS1 prefix; it belongs to this producer alone (decision 0902). */
  gtin: z
    .string()
    .regex(/^\d{14}$/)
    .optional(),
  title: localizedText(120),
  description: localizedText(4000),
  category: z.enum(categorySlugs),
  baseUnit: z.enum(baseUnits),
  packs: z.array(packSchema).min(1).max(10),
  /** Remaining stock in base units; reserved on order creation, never negative. */
  stock: z.number().int().min(0),
  /** The most one unpaid order may hold, in % of what is left (the farmer sets it; default 50). */
  maxOrderSharePercent: z.number().int().min(1).max(100).optional(),
  province: z.string(),
  commune: z.string().optional(),
  ocopStars: z.number().int().min(3).max(5).optional(),
  imageUrls: z.array(z.string()).max(8),
  /** Photos uploaded by the farmer (marketplace/photo.ts), cover first; storage keys, not URLs. */
  photos: z.array(listingPhotoSchema).max(8).optional(),
  lotIds: z.array(z.string()).default([]),
  /** When the crop is picked (ISO dates, Vietnam calendar days). */
  harvestWindow: z.object({ from: z.iso.date(), to: z.iso.date() }).optional(),
  /** Pre-order: sold now, delivered from this harvest day on. */
  preorderHarvestDate: z.iso.date().optional(),
  /** Set when a commune officer listed it for the farmer: who, and the consent they recorded. */
  agent: z
    .object({
      officerId: z.string(),
      consent: z.object({
        method: z.enum(['in_person', 'phone_call', 'written']),
        givenAt: z.string(),
        note: z.string().max(300).optional(),
      }),
    })
    .optional(),
  status: z.enum(productStatuses),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Product = z.infer<typeof productSchema>;

/** The cheapest pack's price, shown as "từ …" on cards. */
export const lowestPrice = (product: Pick<Product, 'packs'>): number =>
  Math.min(...product.packs.map((pack) => pack.priceVnd));

/** How many of a pack the pool can still supply. */
export const packsAvailable = (product: Pick<Product, 'stock'>, pack: Pick<Pack, 'size'>): number =>
  Math.floor(product.stock / pack.size);
