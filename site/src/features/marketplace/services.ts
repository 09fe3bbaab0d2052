import type { Actor, CheckoutDeps, SearchIndexSource } from '@chophien/core';
import {
  attemptCounter,
  cachedSearchSource,
  orderRepository,
  payoutAccountRepository,
  productRepository,
  userRepository,
} from '@chophien/db';
import { TOKEN_COOKIE, verifyToken } from '@chophien/http';
import type { AstroCookies } from 'astro';
import { getDb } from '../../lib/services.ts';

let deps:
  | (CheckoutDeps & { search: SearchIndexSource; users: ReturnType<typeof userRepository> })
  | undefined;

/** The marketplace's adapters for pages: in-process core + db, built once per server process. */
export function marketplaceDeps() {
  if (!deps) {
    const db = getDb();
    deps = {
      orders: orderRepository(db),
      products: productRepository(db),
      payouts: payoutAccountRepository(db),
      users: userRepository(db),
      search: cachedSearchSource(db),
      clock: { now: () => new Date() },
      paymentWindowMinutes: Number(process.env.ORDER_PAYMENT_MINUTES ?? 30),
      attempts: attemptCounter(db),
    };
  }
  return deps;
}

/** Anyone signed in (the same RS256 token as the API, in the `cp_token` cookie). */
export async function actorFromCookie(cookies: AstroCookies): Promise<Actor | undefined> {
  const token = cookies.get(TOKEN_COOKIE)?.value;
  if (!token) return undefined;
  try {
    return await verifyToken(token);
  } catch {
    return undefined;
  }
}
