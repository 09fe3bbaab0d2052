/**
 * The vendor's sell screen: an amount becomes a sale with a short code, and a dynamic VietQR that
 * carries the code in 62.08 so the payment finds its sale; the day's sales and takings per stall.
 */
import { randomInt } from 'node:crypto';
import { buildVietQR } from '@chophien/vietqr';
import * as z from 'zod';
import { notFound } from '../errors/domain-error.ts';
import type { Actor } from '../identity/index.ts';
import { billState } from '../money/bill.ts';
import { vndAmount } from '../money/vnd.ts';
import { activeAccountOfStall, loadOwnStall, loadStallFor } from './access.ts';
import { type Sale, saleReceivedVnd } from './model.ts';
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
  const account = await activeAccountOfStall(deps.store, stall);
  const sale: Sale = {
    id: deps.newId(),
    code: newSaleCode(),
    stallId: stall.id,
    marketId: stall.marketId,
    vendorId: stall.vendorId,
    amountVnd: input.amountVnd,
    status: 'open',
    createdAt: deps.clock.now().toISOString(),
    receivedVnd: 0,
    payments: 0,
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

/** A sale with what it has received, what is missing and what came in beyond it. */
export const saleView = (sale: Sale) => ({ ...sale, ...billState(sale.amountVnd, saleReceivedVnd(sale)) });
export type SaleView = ReturnType<typeof saleView>;

const SALE = { vi: 'đơn bán', en: 'sale' };

/**
 * The QR for what an underpaid sale still lacks, under the same sale code: the next transfer adds to
 * the same sale, which is paid once the sum covers the amount.
 */
export async function saleBalanceQr(deps: Omit<SalesDeps, 'newId'>, actor: Actor, saleCode: string) {
  const sale = await deps.store.getSale(saleCode.trim().toUpperCase());
  if (!sale) throw notFound(SALE);
  const stall = await loadOwnStall(deps.store, actor, sale.stallId);
  const view = saleView(sale);
  if (view.settled) throw notFound({ vi: 'khoản còn thiếu của đơn bán', en: 'balance of the sale' });
  const account = await activeAccountOfStall(deps.store, stall);
  const qr = buildVietQR({
    bin: account.bin,
    accountNumber: account.accountNumber,
    amount: view.shortfallVnd,
    purpose: sale.code,
  });
  return { sale: view, qr };
}

/** Today's sales of the vendor's stalls that money reached but did not cover: the vendor must always see them. */
export async function underpaidSalesOfDay(deps: Omit<SalesDeps, 'newId'>, actor: Actor, day?: string) {
  const date = day ?? vietnamDay(deps.clock.now());
  const stalls = (await deps.store.listStallsOfVendor(actor.userId)).filter(
    (stall) => stall.vendorId === actor.userId,
  );
  const sales = (
    await Promise.all(stalls.map((stall) => deps.store.listSalesOfStall(stall.id, date)))
  ).flat();
  return sales
    .filter((sale) => sale.status === 'underpaid')
    .map(saleView)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A stall's sales and takings for one Vietnamese day (default today): for its vendor or its manager. */
export async function stallDay(deps: Omit<SalesDeps, 'newId'>, actor: Actor, stallId: string, day?: string) {
  const { stall } = await loadStallFor(deps.store, actor, stallId, { helpers: true });
  const date = day ?? vietnamDay(deps.clock.now());
  const [sales, ledger] = await Promise.all([
    deps.store.listSalesOfStall(stall.id, date),
    deps.store.ledgerOfStall(stall.id, date),
  ]);
  const takingsVnd = ledger.reduce((sum, entry) => sum + entry.amountVnd, 0);
  return { stall, day: date, sales: sales.map(saleView), ledger, takingsVnd, payments: ledger.length };
}
