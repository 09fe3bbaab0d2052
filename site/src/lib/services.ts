import { listHomeProducts, type Product } from '@chophien/core';
import { createDb, type Db, productRepository } from '@chophien/db';

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

export type HomeProducts = { ok: true; products: Product[] } | { ok: false; products: [] };

/** The home page's products; on any storage failure logs it and reports `ok: false` instead of throwing. */
export async function loadHomeProducts(): Promise<HomeProducts> {
  try {
    const products = await withTimeout(
      listHomeProducts({ products: productRepository(getDb()) }),
      READ_TIMEOUT_MS,
      'listHomeProducts',
    );
    return { ok: true, products };
  } catch (error) {
    console.error('[site] home products unavailable:', error instanceof Error ? error.message : error);
    return { ok: false, products: [] };
  }
}
