import type * as z from 'zod';
import { listingPhotoSchema } from '../marketplace/photo.ts';
import { type Product, productSchema } from './product.ts';

/**
 * What anyone may read about a listing, field by field. Public responses are built by parsing through
 * this schema (zod drops every key it does not name), so a field added to Product stays private until
 * someone adds it here on purpose. Not public: the owner's and the farm's internal ids, the officer who
 * listed it for a household and the consent they recorded (`agent`), and who uploaded each photo.
 */
const publicPhotoSchema = listingPhotoSchema.pick({ id: true, alt: true, renditions: true });

export const publicProductSchema = productSchema
  .pick({
    id: true,
    slug: true,
    title: true,
    description: true,
    category: true,
    baseUnit: true,
    packs: true,
    stock: true,
    maxOrderSharePercent: true,
    province: true,
    commune: true,
    ocopStars: true,
    imageUrls: true,
    lotIds: true,
    harvestWindow: true,
    preorderHarvestDate: true,
    status: true,
    createdAt: true,
    updatedAt: true,
  })
  .extend({ photos: publicPhotoSchema.array().max(8).optional() });
export type PublicProduct = z.infer<typeof publicProductSchema>;

export const toPublicProduct = (product: Product): PublicProduct => publicProductSchema.parse(product);
