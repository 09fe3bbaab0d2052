import {
  attemptCounter,
  cachedSearchSource,
  listingRepository,
  orderRepository,
  payoutAccountRepository,
  productRepository,
} from '@chophien/db';
import * as z from 'zod';
import { services } from '../shared/services.ts';

const marketplaceEnv = z.object({
  /** Minutes a buyer has to pay before the order expires and its stock returns. */
  ORDER_PAYMENT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
  /** How stale the in-memory search index may get before one catalog read rebuilds it. */
  SEARCH_INDEX_MAX_AGE_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
});

type MarketplaceServices = ReturnType<typeof build>;
let built: MarketplaceServices | undefined;

function build() {
  const { db, users } = services();
  const config = marketplaceEnv.parse(process.env);
  return {
    db,
    orders: orderRepository(db),
    listings: listingRepository(db),
    search: cachedSearchSource(db, { maxAgeMs: config.SEARCH_INDEX_MAX_AGE_MS }),
    users,
    payouts: payoutAccountRepository(db),
    products: productRepository(db),
    clock: { now: () => new Date() },
    paymentWindowMinutes: config.ORDER_PAYMENT_MINUTES,
    attempts: attemptCounter(db),
  };
}

/** The marketplace's adapters, built once per container on top of the shared table client. */
export const marketplace = (): MarketplaceServices => {
  built ??= build();
  return built;
};
