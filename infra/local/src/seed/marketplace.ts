import type { SeedSet } from './index.ts';

/** Owned by the marketplace area; each set runs once per data dir (see ./index.ts). */
export const marketplaceSeedSets: SeedSet[] = [];
