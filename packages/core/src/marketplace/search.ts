import * as z from 'zod';
import { categories, categorySlugs } from '../catalog/categories.ts';
import { lowestPrice, type Product } from '../catalog/product.ts';
import { toPublicProduct } from '../catalog/public-product.ts';
import { foldForSearch } from '../text/fold.ts';

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

/** A listing prepared once for matching: folded word sets per field, so a query costs no folding. */
export interface SearchDocument {
  readonly product: Product;
  readonly title: readonly string[];
  readonly titleText: string;
  readonly titleWordCount: number;
  readonly origin: readonly string[];
  readonly category: readonly string[];
  readonly body: ReadonlySet<string>;
  readonly provinceKey: string;
  readonly priceVnd: number;
}

const words = (text: string) => foldForSearch(text).split(' ').filter(Boolean);

export function toSearchDocument(product: Product): SearchDocument {
  const title = words(`${product.title.vi} ${product.title.en ?? ''}`);
  const label = categories[product.category];
  return {
    product,
    title,
    titleText: ` ${foldForSearch(product.title.vi)} `,
    titleWordCount: words(product.title.vi).length,
    origin: words(`${product.province} ${product.commune ?? ''}`),
    category: words(`${label.vi} ${label.en}`),
    body: new Set(words(`${product.description.vi} ${product.description.en ?? ''}`)),
    provinceKey: foldForSearch(product.province),
    priceVnd: lowestPrice(product),
  };
}

/** One letter off (typo, missing letter) is forgiven in words of five letters or more. */
function nearlyEqual(a: string, b: string): boolean {
  if (a.length < 5 || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i += 1;
      j += 1;
      continue;
    }
    edits += 1;
    if (edits > 1) return false;
    if (a.length > b.length) i += 1;
    else if (b.length > a.length) j += 1;
    else {
      i += 1;
      j += 1;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function fieldScore(token: string, field: readonly string[], weight: number, isLast: boolean): number {
  let best = 0;
  for (const word of field) {
    if (word === token) return weight;
    // The word being typed (last token) may be unfinished: "vai thi" → "vải thiều".
    if (isLast && token.length >= 2 && word.startsWith(token)) best = Math.max(best, weight * 0.8);
    else if (nearlyEqual(token, word)) best = Math.max(best, weight * 0.6);
  }
  return best;
}

/**
 * Relevance: every query word is looked for in the title (strongest), then origin (province,
 * commune), category and description; diacritics and case never matter. Results must match most
 * of the words; a title containing the whole phrase ranks first. Ties go to the newest listing.
 */
export function scoreDocument(doc: SearchDocument, tokens: readonly string[], phrase: string): number {
  if (tokens.length === 0) return 1;
  let score = 0;
  let matched = 0;
  tokens.forEach((token, index) => {
    const isLast = index === tokens.length - 1;
    const best = Math.max(
      fieldScore(token, doc.title, 4, isLast),
      fieldScore(token, doc.origin, 2.5, isLast),
      fieldScore(token, doc.category, 1.5, isLast),
      doc.body.has(token) ? 0.75 : 0,
    );
    if (best > 0) matched += 1;
    score += best;
  });
  if (matched / tokens.length < 0.6) return 0;
  if (doc.titleText.includes(` ${phrase} `)) score += 6;
  else if (doc.titleText.includes(` ${phrase}`)) score += 4;
  // Of two titles that both match, the one the query says more of ("vải thiều" → fresh lychee, not dried).
  score += 2 * Math.min(1, tokens.length / Math.max(doc.titleWordCount, 1));
  return score * (matched / tokens.length);
}

export interface SearchHit {
  readonly product: Product;
  readonly score: number;
}

/** Every matching listing, best first (callers page through the result). */
export function searchDocuments(docs: readonly SearchDocument[], query: SearchQuery): SearchHit[] {
  const phrase = foldForSearch(query.q);
  const tokens = phrase ? phrase.split(' ') : [];
  const provinceKey = query.province ? foldForSearch(query.province) : undefined;
  const hits: SearchHit[] = [];
  for (const doc of docs) {
    const p = doc.product;
    if (query.category && p.category !== query.category) continue;
    if (provinceKey && doc.provinceKey !== provinceKey) continue;
    if (query.ocop && (p.ocopStars ?? 0) < query.ocop) continue;
    if (query.minPrice !== undefined && doc.priceVnd < query.minPrice) continue;
    if (query.maxPrice !== undefined && doc.priceVnd > query.maxPrice) continue;
    const score = scoreDocument(doc, tokens, phrase);
    if (score > 0) hits.push({ product: p, score });
  }
  hits.sort((a, b) => b.score - a.score || b.product.createdAt.localeCompare(a.product.createdAt));
  return hits;
}

/** Where the search reads its candidates: every published listing, folded once. */
export interface SearchIndexSource {
  documents(): Promise<readonly SearchDocument[]>;
}

/** One page of matches and the true count of all of them (lists say "27 sản phẩm", not the page size). */
export async function searchListings(
  deps: { search: SearchIndexSource },
  query: Omit<SearchQuery, 'page'> & { page?: number },
) {
  const hits = searchDocuments(await deps.search.documents(), { ...query, page: query.page ?? 1 });
  const page = query.page ?? 1;
  const start = (page - 1) * query.limit;
  return {
    query,
    total: hits.length,
    page,
    pages: Math.max(1, Math.ceil(hits.length / query.limit)),
    results: hits.slice(start, start + query.limit).map((hit) => toPublicProduct(hit.product)),
  };
}
