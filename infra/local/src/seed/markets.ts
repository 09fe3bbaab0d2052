import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { SeedSet } from './index.ts';
import { seedMarkets } from './markets-data.ts';

/** Owned by the 4.0-markets area: markets, stalls, vendors and their payment accounts. */
export const marketsSeedSets: SeedSet[] = [
  {
    name: 'markets-v1',
    async apply(db) {
      // Plain items until the markets area defines its repository.
      const items = seedMarkets.map((market) => ({
        PK: `MARKET#${market.id}`,
        SK: 'MARKET',
        type: 'MarketSeed',
        ...market,
      }));
      await db.doc.send(
        new BatchWriteCommand({
          RequestItems: { [db.tableName]: items.map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
      return items.length;
    },
  },
];
