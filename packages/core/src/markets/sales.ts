/**
 * The vendor's sell screen: an amount becomes a sale with a short code, and a dynamic VietQR that
 * carries the code in 62.08 so the payment finds its sale; the day's sales and takings per stall.
 */
import { randomInt } from 'node:crypto';
import { buildVietQR } from '@chophien/vietqr';
import * as z from 'zod';
import { notFound } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import { vndAmount } from '../money/vnd.ts';
import { loadOwnStall, loadStallFor } from './access.ts';
import type { Sale } from './model.ts';
import type { Clock, MarketsStore } from './ports.ts';
import { vietnamDay } from './time.ts';

// Crockford base32 without I, L, O, U: survives being read aloud and retyped into a memo.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SALE_CODE_PREFIX = 'BH';

/** `BH` + 6 random characters (30 bits): unguessable enough for one market day, short enough to type. */
export const newSaleCode = (): string => {
  let code = SALE_CODE_PREFIX;
  for (let i = 0; i < 6; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
};

export const createSaleInput = z.object({ amountVnd: vndAmount });

export interface SalesDeps {
  readonly store: MarketsStore;
  readonly clock: Clock;
  readonly newId: () => string;
}

export async function createSale(
  deps: SalesDeps,
  actor: Actor,
  stallId: string,
  input: z.infer<typeof createSaleInput>,
) {
  const stall = await loadOwnStall(deps.store, actor, stallId);
  const account = stall.accountId ? await deps.store.getAccount(stall.vendorId, stall.accountId) : undefined;
  if (account?.status !== 'active')
    throw notFound({ vi: 'tài khoản nhận tiền của sạp', en: 'stall payment account' });
  const sale: Sale = {
    id: deps.newId(),
    code: newSaleCode(),
    stallId: stall.id,
    marketId: stall.marketId,
    vendorId: stall.vendorId,
    amountVnd: input.amountVnd,
    status: 'open',
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.store.putSale(sale);
  const qr = buildVietQR({
    bin: account.bin,
    accountNumber: account.accountNumber,
    amount: sale.amountVnd,
    purpose: sale.code,
  });
  return { sale, qr };
}

/** A stall's sales and takings for one Vietnamese day (default today): for its vendor or its manager. */
export async function stallDay(deps: Omit<SalesDeps, 'newId'>, actor: Actor, stallId: string, day?: string) {
  const { stall } = await loadStallFor(deps.store, actor, stallId);
  const date = day ?? vietnamDay(deps.clock.now());
  const [sales, ledger] = await Promise.all([
    deps.store.listSalesOfStall(stall.id, date),
    deps.store.ledgerOfStall(stall.id, date),
  ]);
  const takingsVnd = ledger.reduce((sum, entry) => sum + entry.amountVnd, 0);
  return { stall, day: date, sales, ledger, takingsVnd, payments: ledger.length };
}
