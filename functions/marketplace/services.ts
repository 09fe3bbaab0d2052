import { listingRepository, orderRepository, payoutAccountRepository, productRepository } from '@chophien/db';
import { z } from 'zod';
import { services } from '../shared/services.ts';

const marketplaceEnv = z.object({
  /** Minutes a buyer has to pay before the order expires and its stock returns. */
  ORDER_PAYMENT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(30),
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
    users,
    payouts: payoutAccountRepository(db),
    products: productRepository(db),
    clock: { now: () => new Date() },
    paymentWindowMinutes: config.ORDER_PAYMENT_MINUTES,
  };
}

/** The marketplace's adapters, built once per container on top of the shared table client. */
export const marketplace = (): MarketplaceServices => {
  built ??= build();
  return built;
};
