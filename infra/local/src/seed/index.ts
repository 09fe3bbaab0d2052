import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Db, seedMarkerKey } from '@chophien/db';
import { foundationSeedSets } from './foundation.ts';
import { marketplaceSeedSets } from './marketplace.ts';
import { marketsSeedSets } from './markets.ts';
import { onboardingSeedSets } from './onboarding.ts';
import { traceSeedSets } from './trace.ts';

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
  ...foundationSeedSets,
  ...traceSeedSets,
  ...marketplaceSeedSets,
  ...marketsSeedSets,
  ...onboardingSeedSets,
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
