// Keys of attempt counters (see packages/db/src/limits/attempt-counter.ts and core/limits).

/** One item per bucket and window: "LIFE" for a bucket's whole life, else the window's start in epoch ms. */
export const attemptCounterKey = (bucket: string, windowStartMs: number) => ({
  PK: `LIMIT#${bucket}`,
  SK: windowStartMs === 0 ? 'LIFE' : `W#${windowStartMs}`,
});
