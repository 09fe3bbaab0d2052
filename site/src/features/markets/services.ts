import { stallCeilingFrom } from '@chophien/core';
import { marketsStore } from '@chophien/db';
import { getDb } from '../../lib/services.ts';

let store: ReturnType<typeof marketsStore> | undefined;
let stallCeilingVnd: number | undefined;

/** The markets repository for the storefront (in-process, same table as the API). */
export function marketsDeps() {
  store ??= marketsStore(getDb());
  // The same configured ceiling as the API's (STALL_CEILING_VND, money/amount-bounds.ts).
  stallCeilingVnd ??= stallCeilingFrom(process.env.STALL_CEILING_VND);
  return { store, clock: { now: () => new Date() }, stallCeilingVnd };
}
