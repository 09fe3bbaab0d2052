/**
 * The book's one input shape. Every sale a household makes becomes a SalesRecord whatever its source:
 * verified bank money on a stall (`bank`), a recorded cash sale (`cash`, from the sell screen), or a paid
 * marketplace order (`order`). A new source adds a reader that produces these; the book does not change.
 */

import { units } from '../catalog/units.ts';
import type { Order } from '../marketplace/order.ts';
import type { LedgerEntry, Sale } from '../markets/model.ts';
import { vietnamDay } from '../markets/time.ts';
import { formatVietnameseNumber } from '../text/vn-number.ts';

export const salesSources = ['bank', 'cash', 'order'] as const;
export type SalesSource = (typeof salesSources)[number];

export interface SalesRecord {
  /** Unique within its source (ledger entry id, order id, cash sale id). */
  readonly id: string;
  readonly householdId: string;
  readonly source: SalesSource;
  /** When the money was received, UTC ISO. */
  readonly at: string;
  readonly amountVnd: number;
  /** The voucher number written in the book ("Số hiệu chứng từ"): sale or order code, or bank reference. */
  readonly reference: string;
  /** "Diễn giải", in Vietnamese (the book is a Vietnamese legal record). */
  readonly description: string;
}

/** Where the records of one household for one span of time come from (one reader per source). */
export interface SalesRecordSource {
  readonly source: SalesSource;
  recordsOf(householdId: string, range: { fromIso: string; toIso: string }): Promise<SalesRecord[]>;
}

/** A credited stall payment: the vendor's verified bank money (the markets ledger). */
export function recordFromLedgerEntry(entry: LedgerEntry, stallCode: string): SalesRecord {
  return {
    id: entry.id,
    householdId: entry.vendorId,
    source: 'bank',
    at: entry.receivedAt,
    amountVnd: entry.amountVnd,
    reference: entry.saleCode ?? entry.providerTransactionId,
    description: entry.saleCode
      ? `Bán hàng tại sạp ${stallCode}, chuyển khoản theo mã ${entry.saleCode}`
      : `Bán hàng tại sạp ${stallCode}, chuyển khoản`,
  };
}

/** A cash sale recorded on the sell screen (paid when made, for its amount): the `cash` source. */
export function recordFromCashSale(sale: Sale): SalesRecord | undefined {
  if (sale.method !== 'cash' || sale.status !== 'paid') return undefined;
  const lines = (sale.lines ?? []).map(
    (line) => `${line.name} ${formatVietnameseNumber(line.quantity)} ${units[line.unit].vi}`,
  );
  return {
    id: sale.id,
    householdId: sale.vendorId,
    source: 'cash',
    at: sale.paidAt ?? sale.createdAt,
    amountVnd: sale.amountVnd,
    reference: sale.code,
    description:
      lines.length > 0
        ? `Bán hàng thu tiền mặt, đơn ${sale.code}: ${lines.join('; ')}`
        : `Bán hàng thu tiền mặt, đơn ${sale.code}`,
  };
}

/** States an order has only once its bill was paid in full. */
const PAID_STATES: ReadonlySet<Order['status']> = new Set(['paid', 'ready', 'shipped', 'completed']);

/**
 * A fully paid marketplace order, at the moment it became paid, for its bill (`totalVnd`). Money paid
 * over the bill is owed back to the buyer, not takings, so it is not in the book.
 */
export function recordFromPaidOrder(order: Order): SalesRecord | undefined {
  if (!PAID_STATES.has(order.status) || !order.paidAt) return undefined;
  const lines = order.lines.map((line) => `${line.title.vi} (${line.packLabel.vi}) × ${line.quantity}`);
  return {
    id: order.id,
    householdId: order.farmerId,
    source: 'order',
    at: order.paidAt,
    amountVnd: order.totalVnd,
    reference: order.code,
    description: `Đơn hàng trực tuyến ${order.code}: ${lines.join('; ')}`,
  };
}

/** The Vietnamese day a record belongs to. */
export const recordDay = (record: Pick<SalesRecord, 'at'>): string => vietnamDay(record.at);
