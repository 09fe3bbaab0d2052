import { marketsStore } from '@chophien/db';
import { getDb } from '../../lib/services.ts';

let store: ReturnType<typeof marketsStore> | undefined;

/** The markets repository for the storefront (in-process, same table as the API). */
export function marketsDeps() {
  store ??= marketsStore(getDb());
  return { store, clock: { now: () => new Date() } };
}
