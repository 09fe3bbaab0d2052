import type { SeedSet } from './index.ts';

/** Owned by the traceability area; each set runs once per data dir (see ./index.ts). */
export const traceSeedSets: SeedSet[] = [];
