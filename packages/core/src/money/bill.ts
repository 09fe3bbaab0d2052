/**
 * The one rule for any bill paid by transfers (an order, a stall sale, a month's stall fee): money
 * adds up, the bill is settled only when what arrived covers it, and what is missing or extra is said.
 */
export interface BillState {
  readonly receivedVnd: number;
  /** What is still missing (0 once settled). */
  readonly shortfallVnd: number;
  /** What arrived beyond the bill (a refund or change is owed). */
  readonly surplusVnd: number;
  readonly settled: boolean;
}

export function billState(amountVnd: number, receivedVnd: number): BillState {
  return {
    receivedVnd,
    shortfallVnd: Math.max(amountVnd - receivedVnd, 0),
    surplusVnd: Math.max(receivedVnd - amountVnd, 0),
    settled: receivedVnd >= amountVnd,
  };
}

/** One more transfer of `transferVnd` towards a bill of `amountVnd` that had `receivedVnd`. */
export function applyTransfer(
  bill: { readonly amountVnd: number; readonly receivedVnd: number },
  transferVnd: number,
): BillState & { readonly kind: 'paid' | 'underpaid' | 'overpaid' } {
  if (!Number.isSafeInteger(transferVnd) || transferVnd <= 0)
    throw new RangeError('a transfer is a positive whole number of đồng');
  const state = billState(bill.amountVnd, bill.receivedVnd + transferVnd);
  const kind = !state.settled ? 'underpaid' : state.surplusVnd > 0 ? 'overpaid' : 'paid';
  return { ...state, kind };
}
