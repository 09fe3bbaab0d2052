import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTransfer, billState } from '../../src/money/bill.ts';

describe('a bill paid by transfers', () => {
  it('is underpaid until what arrived covers it, then paid, and says the surplus', () => {
    expect(applyTransfer({ amountVnd: 200_000, receivedVnd: 0 }, 200)).toEqual({
      kind: 'underpaid',
      receivedVnd: 200,
      shortfallVnd: 199_800,
      surplusVnd: 0,
      settled: false,
    });
    expect(applyTransfer({ amountVnd: 200_000, receivedVnd: 200 }, 199_800)).toMatchObject({
      kind: 'paid',
      settled: true,
      shortfallVnd: 0,
    });
    expect(applyTransfer({ amountVnd: 200_000, receivedVnd: 200 }, 250_000)).toMatchObject({
      kind: 'overpaid',
      surplusVnd: 50_200,
    });
  });

  it('refuses a transfer that is not a positive whole number of đồng', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => applyTransfer({ amountVnd: 1, receivedVnd: 0 }, bad)).toThrow(RangeError);
    }
  });

  it('never loses a đồng: received = amount − shortfall + surplus, whatever the transfers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 499_999_999 }),
        fc.array(fc.integer({ min: 1, max: 499_999_999 }), { minLength: 1, maxLength: 6 }),
        (amountVnd, transfers) => {
          let receivedVnd = 0;
          for (const transfer of transfers)
            receivedVnd = applyTransfer({ amountVnd, receivedVnd }, transfer).receivedVnd;
          const state = billState(amountVnd, receivedVnd);
          expect(receivedVnd).toBe(transfers.reduce((a, b) => a + b, 0));
          expect(state.receivedVnd).toBe(amountVnd - state.shortfallVnd + state.surplusVnd);
          expect(state.settled).toBe(receivedVnd >= amountVnd);
        },
      ),
      { numRuns: 200 },
    );
  });
});
