/**
 * Monthly stall fees, paid by QR like any payment but into the market board's own account: the memo
 * carries a fee code naming the stall and month (`PHITDA012611` = stall TD-A01, November 2026).
 */

import type { Actor } from '../identity/index.ts';
import { billState } from '../money/bill.ts';
import { loadMarketFor } from './access.ts';
import type { IncomingPayment } from './bank-notifications.ts';
import { compactCode, matchMemo } from './memo.ts';
import type { Channel, Market, Stall, StallFee } from './model.ts';
import type { Clock, MarketsStore } from './ports.ts';
import { vietnamDay } from './time.ts';

export const stallFeeCode = (stallCode: string, month: string): string =>
  `PHI${compactCode(stallCode)}${month.slice(2, 4)}${month.slice(5, 7)}`;

export const vietnamMonth = (at: Date): string => vietnamDay(at).slice(0, 7);

/** The month and the two before it: late payers pay last month's fee this month. */
export function recentMonths(at: Date, count = 3): string[] {
  const [year, month] = vietnamMonth(at).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, back) => {
    const date = new Date(Date.UTC(year, month - 1 - back, 1));
    return date.toISOString().slice(0, 7);
  });
}

export function matchFee(payment: IncomingPayment, stalls: readonly Stall[], months: readonly string[]) {
  const candidates = stalls.flatMap((stall) =>
    months.map((month) => ({ kind: 'fee' as const, code: stallFeeCode(stall.code, month), stall, month })),
  );
  const match = matchMemo(payment.memo, candidates);
  return match ? { stall: match.candidate.stall, month: match.candidate.month } : undefined;
}

export interface FeeLine {
  readonly stallId: string;
  readonly code: string;
  readonly number: string;
  readonly vendorName: string;
  readonly feeCode: string;
  readonly feeVnd: number;
  readonly paidVnd: number;
  readonly owedVnd: number;
  /** Paid beyond the month's fee (shown to the manager, like an overpaid sale). */
  readonly surplusVnd: number;
  readonly status: 'unpaid' | 'underpaid' | 'paid';
}

export function feeStatus(
  market: Market,
  stalls: readonly Stall[],
  fees: readonly StallFee[],
  month: string,
): FeeLine[] {
  const paid = new Map(fees.map((fee) => [fee.stallId, fee.paidVnd]));
  return stalls.map((stall) => {
    const paidVnd = paid.get(stall.id) ?? 0;
    // The same rule as a sale or an order: paid only when what arrived covers the fee.
    const state = billState(market.monthlyStallFeeVnd, paidVnd);
    return {
      stallId: stall.id,
      code: stall.code,
      number: stall.number,
      vendorName: stall.vendorName,
      feeCode: stallFeeCode(stall.code, month),
      feeVnd: market.monthlyStallFeeVnd,
      paidVnd,
      owedVnd: state.shortfallVnd,
      surplusVnd: state.surplusVnd,
      status: state.settled ? 'paid' : paidVnd > 0 ? 'underpaid' : 'unpaid',
    };
  });
}

/** The manager's fee list for a month; `arrears` = the stalls still owing. */
export async function marketFees(
  deps: { store: MarketsStore; clock: Clock },
  actor: Actor,
  marketId: string,
  month?: string,
) {
  const market = await loadMarketFor(deps.store, actor, marketId);
  const chosen = month ?? vietnamMonth(deps.clock.now());
  const [stalls, fees] = await Promise.all([
    deps.store.listStallsOfMarket(market.id),
    deps.store.listFeesOfMarketMonth(market.id, chosen),
  ]);
  const lines = feeStatus(market, stalls, fees, chosen);
  return {
    month: chosen,
    feeVnd: market.monthlyStallFeeVnd,
    lines,
    arrears: lines.filter((line) => line.owedVnd > 0),
  };
}

export type FeeChannel = Channel & { marketId: string };
export const isFeeChannel = (channel: Channel): channel is FeeChannel => typeof channel.marketId === 'string';
