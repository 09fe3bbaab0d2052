import { ulid } from 'ulid';
import * as z from 'zod';
import { householdRelation } from '../access/rules.ts';
import { categorySlugs } from '../catalog/categories.ts';
import { type GtinClaims, gtinTaken } from '../catalog/gtin-ownership.ts';
import {
  type BaseUnit,
  baseUnits,
  localizedText,
  type Product,
  packSchema,
  productSchema,
} from '../catalog/product.ts';
import { units } from '../catalog/units.ts';
import { DomainError, forbidden, type LocalizedMessage, notFound } from '../errors/domain-error.ts';
import { bilingual } from '../errors/zod-issues.ts';
import type { UserRepository } from '../identity/profile.ts';
import { type Actor, hasRole } from '../identity/user.ts';
import { slugify } from '../text/fold.ts';
import { formatVietnameseNumber } from '../text/vn-number.ts';
import { gtinInputSchema } from '../trace/lot.ts';
import type { ListingPhoto } from './photo.ts';
import type { MarketplaceClock } from './ports.ts';

const isoDate = z.iso.date(bilingual('Ngày theo dạng YYYY-MM-DD.', 'A date as YYYY-MM-DD.'));

const editableFields = {
  title: localizedText(120),
  description: localizedText(4000),
  category: z.enum(categorySlugs),
  packs: z
    .array(packSchema)
    .min(1, bilingual('Cần ít nhất một quy cách đóng gói.', 'At least one pack size is required.'))
    .max(10)
    .refine((packs) => new Set(packs.map((p) => p.id)).size === packs.length, {
      message: bilingual('Mã quy cách bị trùng.', 'Pack ids must be unique.'),
    }),
  province: z.string().trim().min(2).max(60),
  commune: z.string().trim().max(80).optional(),
  ocopStars: z.number().int().min(3).max(5).optional(),
  lotIds: z.array(z.string().max(40)).max(20).default([]),
  harvestWindow: z
    .strictObject({ from: isoDate, to: isoDate })
    .refine((w) => w.from <= w.to, {
      message: bilingual('Ngày bắt đầu phải trước ngày kết thúc.', 'Start must not be after end.'),
    })
    .optional(),
  preorderHarvestDate: isoDate.optional(),
  /** The product's GTIN, when the household holds its own GS1 prefix; claimed for them (decision 0902). */
  gtin: gtinInputSchema.optional(),
  /** How much of what is left one unpaid order may hold, in % (default 50): no one hoards the stock. */
  maxOrderSharePercent: z
    .number()
    .int()
    .min(1, bilingual('Tối thiểu 1%.', 'At least 1%.'))
    .max(100, bilingual('Tối đa 100%.', 'At most 100%.'))
    .optional(),
};

/** The stock bound of a unit (catalog/units.ts), as a field message in both languages. */
const stockBound = (unit: BaseUnit): LocalizedMessage => ({
  vi: `Tồn kho quá lớn cho một hộ: tối đa ${formatVietnameseNumber(units[unit].maxStock)} ${units[unit].vi}.`,
  en: `That stock is more than a household holds: at most ${units[unit].maxStock} ${units[unit].en}.`,
});

/**
 * A listing on sale must be able to sell at least its smallest pack; said in the farmer's words with
 * the numbers they typed ("Tồn kho 50 g chưa đủ cho một gói 100 g").
 */
export function cannotPublish(
  product: Pick<Product, 'stock' | 'packs' | 'baseUnit'>,
): LocalizedMessage | undefined {
  const smallest = Math.min(...product.packs.map((p) => p.size));
  if (product.stock >= smallest) return undefined;
  const u = units[product.baseUnit];
  return {
    vi: `Tồn kho ${formatVietnameseNumber(product.stock)} ${u.vi} chưa đủ cho một gói ${formatVietnameseNumber(smallest)} ${u.vi}. Thêm hàng vào kho trước khi đăng bán.`,
    en: `A stock of ${product.stock} ${u.en} is less than one ${smallest} ${u.en} pack. Add stock before putting it on sale.`,
  };
}

const stockProblem = (code: string, message: LocalizedMessage) =>
  new DomainError('validation', code, message, { fields: [{ path: 'stock', code, message }] });

export const listingInputSchema = z
  .strictObject({
    ...editableFields,
    baseUnit: z.enum(baseUnits),
    stock: z.number().int().min(0).max(1_000_000_000),
    status: z.enum(['draft', 'published']).default('draft'),
    /** Only when a commune officer lists for a farmer. */
    onBehalfOf: z
      .strictObject({
        farmerId: z.string().min(1),
        consent: z.strictObject({
          method: z.enum(['in_person', 'phone_call', 'written']),
          givenAt: z.iso.datetime(bilingual('Thời điểm đồng ý theo ISO 8601.', 'Consent time as ISO 8601.')),
          note: z.string().trim().max(300).optional(),
        }),
      })
      .optional(),
  })
  .superRefine((input, ctx) => {
    if (input.stock > units[input.baseUnit].maxStock)
      ctx.addIssue({
        code: 'custom',
        path: ['stock'],
        message: bilingual(stockBound(input.baseUnit).vi, stockBound(input.baseUnit).en),
      });
  });
export type ListingInput = z.infer<typeof listingInputSchema>;

/** The farmer sets how much is left (the desk's "Tồn kho" field); applied as one conditional change. */
export const listingStockSchema = z.strictObject({
  stock: z
    .number()
    .int(bilingual('Tồn kho phải là số nguyên.', 'Stock must be a whole number.'))
    .min(0, bilingual('Tồn kho không thể âm.', 'Stock cannot be negative.')),
});

export const listingPatchSchema = z
  .strictObject(
    Object.fromEntries(Object.entries(editableFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof editableFields]: z.ZodOptional<(typeof editableFields)[K]>;
    },
  )
  .refine((patch) => Object.keys(patch).length > 0, {
    message: bilingual('Không có gì để sửa.', 'Nothing to change.'),
  });
export type ListingPatch = z.infer<typeof listingPatchSchema>;

export const listingStatusSchema = z.strictObject({
  status: z.enum(['draft', 'published', 'sold_out', 'archived']),
});
export const stockAdjustmentSchema = z.strictObject({
  deltaUnits: z
    .number()
    .int()
    .refine((n) => n !== 0, {
      message: bilingual('Số lượng thay đổi phải khác 0.', 'The change must not be 0.'),
    }),
});

/** Storage for listings; writes never touch stock except through conditional arithmetic. */
export interface ListingStore extends GtinClaims {
  get(id: string): Promise<Product | undefined>;
  create(product: Product): Promise<void>;
  /** Applies the patch and stamps updatedAt; stock is left as it is. */
  update(id: string, patch: Partial<Product>, updatedAt: string): Promise<Product>;
  /** Adds (or removes) base units; false when the pool would go below zero. */
  adjustStock(id: string, deltaUnits: number, updatedAt: string): Promise<boolean>;
  listByFarmer(farmerId: string): Promise<Product[]>;
  /** The listing's photos and their version (for compare-and-set); undefined when no such listing. */
  getPhotos(id: string): Promise<{ photos: ListingPhoto[]; version: number } | undefined>;
  /** Replaces the photo list when its version is still `version`; false when it changed meanwhile. */
  setPhotos(
    id: string,
    photos: readonly ListingPhoto[],
    version: number,
    updatedAt: string,
  ): Promise<boolean>;
}

export interface ListingDeps {
  readonly listings: ListingStore;
  readonly users: UserRepository;
  readonly clock: MarketplaceClock;
}

const listingNotFound = () => notFound({ vi: 'sản phẩm', en: 'listing' }, 'listing_not_found');

/**
 * The farmer, or, for a listing made for the household with its consent (`agent`), a commune officer of
 * the household's commune as its stored profile says today (an officer moved elsewhere loses it).
 */
async function mayEdit(deps: Pick<ListingDeps, 'users'>, actor: Actor, product: Product): Promise<boolean> {
  if (product.farmerId === actor.userId) return true;
  if (!product.agent || !hasRole(actor, 'commune_officer')) return false;
  const household = await deps.users.get(product.farmerId);
  return household !== undefined && householdRelation(actor, household) === 'officer';
}

/** The listing, when the actor may edit it (owner, or an officer of the household's commune). */
export async function editableListing(
  deps: Pick<ListingDeps, 'listings' | 'users'>,
  actor: Actor,
  id: string,
): Promise<Product> {
  const product = await deps.listings.get(id);
  if (!product) throw listingNotFound();
  if (!(await mayEdit(deps, actor, product))) throw forbidden();
  return product;
}

/**
 * A farmer lists their own produce; a commune officer may list for a farmer of their own commune,
 * recording how the farmer consented. Payouts stay the farmer's: orders pay the farmer's account.
 */
export async function createListing(deps: ListingDeps, actor: Actor, input: ListingInput): Promise<Product> {
  const { onBehalfOf, ...fields } = input;
  let farmerId = actor.userId;
  let agent: Product['agent'];
  if (onBehalfOf) {
    if (!hasRole(actor, 'commune_officer')) throw forbidden('not_an_officer');
    const farmer = await deps.users.get(onBehalfOf.farmerId);
    if (!farmer?.roles.includes('farmer'))
      throw notFound({ vi: 'nông hộ', en: 'farmer' }, 'farmer_not_found');
    if (householdRelation(actor, farmer) !== 'officer') throw forbidden('farmer_outside_commune');
    farmerId = farmer.id;
    agent = { officerId: actor.userId, consent: onBehalfOf.consent };
  } else if (!hasRole(actor, 'farmer')) {
    throw new DomainError('validation', 'on_behalf_required', {
      vi: 'Cán bộ xã cần chọn nông hộ và ghi nhận sự đồng ý.',
      en: 'An officer must name the farmer and record their consent.',
    });
  }
  if (fields.status === 'published') {
    const problem = cannotPublish(fields);
    if (problem) throw stockProblem('stock_below_one_pack', problem);
  }
  const now = deps.clock.now().toISOString();
  const id = ulid();
  if (fields.gtin && !(await deps.listings.claimGtin(fields.gtin, farmerId, id))) throw gtinTaken();
  const product = productSchema.parse({
    ...fields,
    id,
    slug: `${slugify(fields.title.vi).slice(0, 80)}-${id.slice(-6).toLowerCase()}`,
    farmerId,
    ...(agent ? { agent } : {}),
    imageUrls: [],
    createdAt: now,
    updatedAt: now,
  });
  await deps.listings.create(product);
  return product;
}

export async function updateListing(
  deps: ListingDeps,
  actor: Actor,
  id: string,
  patch: ListingPatch,
): Promise<Product> {
  const listing = await editableListing(deps, actor, id);
  // The GTIN is the owner's (also when their officer edits the listing), never the editor's.
  if (patch.gtin && !(await deps.listings.claimGtin(patch.gtin, listing.farmerId, id))) throw gtinTaken();
  return deps.listings.update(id, patch as Partial<Product>, deps.clock.now().toISOString());
}

/** Owner or agent: any status. An admin may only archive (take down) a listing. */
export async function setListingStatus(
  deps: ListingDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof listingStatusSchema>,
): Promise<Product> {
  const product = await deps.listings.get(id);
  if (!product) throw listingNotFound();
  const adminTakedown = hasRole(actor, 'admin') && input.status === 'archived';
  if (!adminTakedown && !(await mayEdit(deps, actor, product))) throw forbidden();
  if (input.status === 'published') {
    const problem = cannotPublish(product);
    if (problem) throw stockProblem('stock_below_one_pack', problem);
  }
  return deps.listings.update(id, { status: input.status }, deps.clock.now().toISOString());
}

export async function adjustListingStock(
  deps: ListingDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof stockAdjustmentSchema>,
): Promise<Product> {
  await editableListing(deps, actor, id);
  if (!(await deps.listings.adjustStock(id, input.deltaUnits, deps.clock.now().toISOString()))) {
    throw new DomainError('conflict', 'stock_below_zero', {
      vi: 'Không thể bớt nhiều hơn số hàng còn lại.',
      en: 'Cannot remove more than the remaining stock.',
    });
  }
  return (await deps.listings.get(id)) as Product;
}

/**
 * Sets the stock to what the farmer counted: the difference is applied as one conditional change, so an
 * order placed meanwhile is never overwritten (the pool cannot go below zero).
 */
export async function setListingStock(
  deps: ListingDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof listingStockSchema>,
): Promise<Product> {
  const product = await editableListing(deps, actor, id);
  if (input.stock > units[product.baseUnit].maxStock)
    throw stockProblem('stock_too_large', stockBound(product.baseUnit));
  const delta = input.stock - product.stock;
  if (delta === 0) return product;
  return adjustListingStock(deps, actor, id, { deltaUnits: delta });
}

export const listMyListings = (deps: Pick<ListingDeps, 'listings'>, actor: Actor) =>
  deps.listings.listByFarmer(actor.userId);
