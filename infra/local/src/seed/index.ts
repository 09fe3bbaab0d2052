import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, productRepository, seedMarkerKey, userRepository } from '@chophien/db';
import { seedMarkets } from './markets.ts';
import { seedProducts } from './products.ts';
import { seedUsers } from './users.ts';

/**
 * Named seed sets, applied once each: a marker item records a finished set, so a second start
 * writes nothing, and a set added later by another area still runs on an existing data dir.
 * Every set also writes fixed ids, so an interrupted run repeated duplicates nothing.
 */
export interface SeedSet {
  readonly name: string;
  apply(db: Db): Promise<number>;
}

export const seedSets: SeedSet[] = [
  {
    name: 'users-v1',
    async apply(db) {
      const users = userRepository(db);
      for (const user of seedUsers) await users.put(user);
      return seedUsers.length;
    },
  },
  {
    name: 'products-v1',
    async apply(db) {
      const products = productRepository(db);
      for (const product of seedProducts) await products.put(product);
      return seedProducts.length;
    },
  },
  {
    name: 'markets-v1',
    async apply(db) {
      // Plain items until the markets area defines its repository; keys follow packages/db conventions.
      const items = seedMarkets.flatMap((market) => [
        { PK: `MARKET#${market.id}`, SK: 'MARKET', type: 'MarketSeed', ...market },
      ]);
      await db.doc.send(
        new BatchWriteCommand({
          RequestItems: { [db.tableName]: items.map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
      return items.length;
    },
  },
];

export interface SeedReport {
  readonly applied: Array<{ name: string; items: number }>;
  readonly skipped: string[];
}

export async function seed(db: Db, sets: readonly SeedSet[] = seedSets): Promise<SeedReport> {
  const applied: SeedReport['applied'] = [];
  const skipped: string[] = [];
  for (const set of sets) {
    const marker = await db.doc.send(
      new GetCommand({ TableName: db.tableName, Key: seedMarkerKey(set.name) }),
    );
    if (marker.Item) {
      skipped.push(set.name);
      continue;
    }
    const items = await set.apply(db);
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...seedMarkerKey(set.name), appliedAt: new Date().toISOString(), items },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      // Another process finished the same set first; its writes equal ours.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    applied.push({ name: set.name, items });
  }
  return { applied, skipped };
}
