import * as z from 'zod';
import { categorySlugs } from '../catalog/categories.ts';
import type { Product } from '../catalog/product.ts';
import { toPublicProduct } from '../catalog/public-product.ts';
import type { SearchIndex } from './search-index.ts';
import { rankListings } from './search-ranking.ts';

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().max(100).default(''),
  category: z.enum(categorySlugs).optional(),
  province: z.string().trim().max(60).optional(),
  ocop: z.coerce.number().int().min(3).max(5).optional(),
  minPrice: z.coerce.number().int().min(0).optional(),
  maxPrice: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(60).default(24),
  /** 1-based page of `limit` results; past the last page gives an empty page, not an error. */
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/**
 * Where search reads the catalogue (packages/db): the folded index of published listings, newest
 * listings first, and the listings of one page, read fresh (so a page shows today's price and stock).
 */
export interface SearchIndexSource {
  indexes(): Promise<readonly SearchIndex[]>;
  /** The published listings among `ids`, in that order (one unpublished since the index was built is left out). */
  listings(ids: readonly string[]): Promise<Product[]>;
}

/** One page of matches and the true count of all of them (lists say "27 sản phẩm", not the page size). */
export async function searchListings(
  deps: { search: SearchIndexSource },
  query: Omit<SearchQuery, 'page'> & { page?: number },
) {
  const page = query.page ?? 1;
  const ranked = rankListings(await deps.search.indexes(), query, {
    offset: (page - 1) * query.limit,
    limit: query.limit,
  });
  return {
    query,
    total: ranked.total,
    page,
    pages: Math.max(1, Math.ceil(ranked.total / query.limit)),
    results: (await deps.search.listings(ranked.ids)).map(toPublicProduct),
  };
}
