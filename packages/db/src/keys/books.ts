// Keys the books area reads (see docs/decisions/1000-household-sales-books.md). The books write nothing of
// their own: they read the markets ledger and the marketplace orders through those areas' key builders.
import { catalogByStatus } from './foundation.ts';
import { ordersBySeller } from './marketplace.ts';
import { ledgerOfStallPrefix } from './markets.ts';

/** A stall's ledger entries of Vietnamese days `firstDay`…`lastDay` (inclusive): one sort-key range. */
export const ledgerOfStallDays = (stallId: string, firstDay: string, lastDay: string) => {
  const from = ledgerOfStallPrefix(stallId, firstDay);
  return {
    PK: from.PK,
    SKFrom: from.SKPrefix,
    SKTo: `${ledgerOfStallPrefix(stallId, lastDay).SKPrefix}\uffff`,
  };
};

/** A farmer's orders created in `[fromIso, toIso)` on the seller index (sort key `createdAt#id`). */
export const ordersOfSellerCreated = (farmerId: string, fromIso: string, toIso: string) => ({
  ...ordersBySeller(farmerId),
  skFrom: fromIso,
  skTo: toIso,
});

/** Every listing of one status (the sellers of the platform are the owners of listings). */
export const listingsOfStatus = catalogByStatus;
