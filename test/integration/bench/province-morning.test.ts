import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provinceMorning } from '../../../bench/areas/province.ts';
import { startTestApi, type TestApi } from '../../support/api.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

// The province benchmark's generator at a tiny scale: its books must balance (its timings are the bench's).
describe('province-morning generator (connected, tiny scale)', () => {
  it('credits every genuine payment once, refuses every forgery, and settles sales as planned', async () => {
    const morning = await provinceMorning(
      api.url,
      { markets: 1, stallsPerMarket: 20, paymentsPerStall: 3 },
      () => {},
    );
    expect(morning.stalls).toBe(20);
    expect(morning.forged).toBeGreaterThan(0);
    expect(morning.duplicates).toBeGreaterThan(0);
    expect(morning.outcomes.rejected).toBe(morning.forged);
    expect(morning.outcomes.duplicate).toBe(morning.duplicates);
    expect(morning).toMatchObject({ doubleCredits: 0, wrongCredits: 0, missing: 0, checkoutFailures: 0 });
    expect(morning.tillSamples.every((ms) => Number.isFinite(ms))).toBe(true);
    expect(morning.capacity.payment.wcu).toBeGreaterThan(0);
  });
});
