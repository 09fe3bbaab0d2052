// Keys of pre-computed open data (see packages/db/src/markets/open-data-store.ts, decision 0901).

/** One item per market and Vietnamese day, all of a day in one partition: a day is one Query. */
export const openDataDayKey = (day: string, marketId: string) => ({
  PK: `OPENDATA#${day}`,
  SK: `MARKET#${marketId}`,
});
export const openDataDayPartition = (day: string) => `OPENDATA#${day}`;
