/** Generated months of a stall's ledger and a farmer's orders, for the books' property tests and benchmarks. */
import fc from 'fast-check';
import type { LedgerEntry } from '../../src/markets/model.ts';

const OFFSET_MS = 7 * 3600 * 1000;

/** Ledger entries received in and around `month` (a day either side, to catch boundary mistakes). */
export function ledgerMonth(month: string, options: { maxLength?: number } = {}) {
  const start = Date.parse(`${month}-01T00:00:00Z`) - OFFSET_MS - 24 * 3600 * 1000;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const end = Date.UTC(y, m, 1) - OFFSET_MS + 24 * 3600 * 1000;
  return fc
    .array(
      fc.record({
        at: fc.oneof(
          fc.integer({ min: start, max: end - 1 }),
          // Exactly at and around Vietnamese midnights of the month's edges.
          fc.constantFrom(
            start + 24 * 3600 * 1000,
            start + 24 * 3600 * 1000 - 1,
            end - 24 * 3600 * 1000,
            end - 24 * 3600 * 1000 - 1,
          ),
        ),
        amountVnd: fc.oneof(
          fc.integer({ min: 1, max: 2_000_000 }),
          fc.constantFrom(1, 499_999_999, 200, 200_000),
        ),
        withSale: fc.boolean(),
      }),
      { maxLength: options.maxLength ?? 300 },
    )
    .map((draws) =>
      draws.map(
        (draw, i): LedgerEntry => ({
          id: `sepay#tx-${i}`,
          stallId: 'stall-1',
          marketId: 'market-1',
          vendorId: 'vendor-1',
          amountVnd: draw.amountVnd,
          memo: '',
          via: draw.withSale ? 'sale' : 'stall_code',
          ...(draw.withSale ? { saleCode: `BH${String(i).padStart(6, '0')}` } : {}),
          provider: 'sepay',
          providerTransactionId: `tx-${i}`,
          receivedAt: new Date(draw.at).toISOString(),
          creditedAt: new Date(draw.at + 1000).toISOString(),
        }),
      ),
    );
}

/** A deterministic month of `count` sales, for benchmarks. */
export function busyLedger(month: string, count: number): LedgerEntry[] {
  const start = Date.parse(`${month}-01T00:00:00Z`) - OFFSET_MS;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const span = Date.UTC(y, m, 1) - OFFSET_MS - start;
  return Array.from({ length: count }, (_, i) => {
    const at = start + Math.floor(((i + 0.5) * span) / count);
    return {
      id: `sepay#b-${month}-${i}`,
      stallId: 'stall-1',
      marketId: 'market-1',
      vendorId: 'vendor-1',
      amountVnd: 5_000 + ((i * 7919) % 400) * 1_000,
      memo: '',
      via: 'sale',
      saleCode: `BH${(i + 100_000).toString(32).toUpperCase()}`,
      provider: 'sepay',
      providerTransactionId: `b-${month}-${i}`,
      receivedAt: new Date(at).toISOString(),
      creditedAt: new Date(at + 1000).toISOString(),
    };
  });
}
