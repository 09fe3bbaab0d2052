import {
  type CategorySlug,
  type PublicProduct,
  type SearchIndexSource,
  searchListings,
} from '@chophien/core';
import { cachedSearchSource, createDb, type Db } from '@chophien/db';

/**
 * One Db per process: created on first use (TABLE_NAME and DYNAMODB_ENDPOINT are read from
 * process.env then, after the local runtime or Lambda has set them) and reused after that.
 */
let db: Db | undefined;

export function getDb(): Db {
  db ??= createDb();
  return db;
}

/** A slow or unreachable table must not hold a buyer on 3G for long: give up and show the empty state. */
const READ_TIMEOUT_MS = 4000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type HomeProducts =
  | { ok: true; products: PublicProduct[]; total: number; page: number; pages: number }
  | { ok: false; products: []; total: 0; page: number; pages: 1 };

let catalog: SearchIndexSource | undefined;

/**
 * One page of the home page's products (newest first, optionally one category) with the true count of
 * all of them; on any storage failure logs it and reports `ok: false` instead of throwing.
 */
export async function loadHomeProducts(query: {
  category?: CategorySlug;
  page: number;
  pageSize: number;
}): Promise<HomeProducts> {
  try {
    catalog ??= cachedSearchSource(getDb());
    const found = await withTimeout(
      searchListings(
        { search: catalog },
        {
          q: '',
          limit: query.pageSize,
          page: query.page,
          ...(query.category ? { category: query.category } : {}),
        },
      ),
      READ_TIMEOUT_MS,
      'home products',
    );
    return { ok: true, products: found.results, total: found.total, page: found.page, pages: found.pages };
  } catch (error) {
    console.error('[site] home products unavailable:', error instanceof Error ? error.message : error);
    return { ok: false, products: [], total: 0, page: query.page, pages: 1 };
  }
}
