import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ConsoleAuditEntry,
  type PeopleStore,
  type UserProfile,
  userProfileSchema,
} from '@chophien/core';
import type { Db } from '../client.ts';
import { consoleAuditKeys } from '../keys/admin.ts';
import { allPeople, userKey, userKeys, withoutKeys } from '../keys/foundation.ts';
import { type TransactItems, transactWrite } from '../marketplace/transact.ts';
import { userRepository } from '../user-repository.ts';

type TransactItem = TransactItems[number];

export const auditPut = (db: Db, entry: ConsoleAuditEntry): TransactItem => ({
  Put: {
    TableName: db.tableName,
    Item: { ...consoleAuditKeys(entry), type: 'ConsoleAudit', ...entry },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** A new profile: only if no profile has this id. */
export const personCreate = (db: Db, profile: UserProfile): TransactItem => ({
  Put: {
    TableName: db.tableName,
    Item: { ...userKeys(profile), ...profile, type: 'User' },
    ConditionExpression: 'attribute_not_exists(PK)',
  },
});

/** A profile's next version: only if the stored one is still `expectedVersion` (0 = written before versions). */
export const personUpdate = (db: Db, profile: UserProfile, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: db.tableName,
    Item: { ...userKeys(profile), ...profile, type: 'User' },
    ConditionExpression:
      expectedVersion === 0
        ? 'attribute_exists(PK) AND (attribute_not_exists(#version) OR #version = :version)'
        : 'attribute_exists(PK) AND #version = :version',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':version': expectedVersion },
  },
});

const encodeCursor = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // Only a key of this listing is accepted back; anything else starts from the top.
    return typeof key === 'object' && key !== null && key.GSI3PK === allPeople().pk ? key : undefined;
  } catch {
    return undefined;
  }
}

/** People and their grants (implements core's PeopleStore); each change is one transaction with its audit. */
export function peopleStore(db: Db): PeopleStore {
  const users = userRepository(db);
  return {
    get: (id) => users.get(id),
    getByPhone: (phone) => users.getByPhone(phone),
    async getMany(ids) {
      const found = new Map<string, UserProfile>();
      const unique = [...new Set(ids)];
      for (let i = 0; i < unique.length; i += 100) {
        let keys: Record<string, unknown>[] | undefined = unique.slice(i, i + 100).map((id) => userKey(id));
        // Unprocessed keys come back when the table is busy: ask again for those (bounded).
        for (let attempt = 0; keys && keys.length > 0 && attempt < 8; attempt++) {
          const result = await db.doc.send(
            new BatchGetCommand({ RequestItems: { [db.tableName]: { Keys: keys, ConsistentRead: true } } }),
          );
          for (const item of result.Responses?.[db.tableName] ?? []) {
            const profile = userProfileSchema.parse(withoutKeys(item));
            found.set(profile.id, profile);
          }
          keys = result.UnprocessedKeys?.[db.tableName]?.Keys as Record<string, unknown>[] | undefined;
        }
        if (keys && keys.length > 0) throw new Error('people: unprocessed keys after retries');
      }
      return found;
    },
    async list({ cursor, limit }) {
      const { index, pk } = allPeople();
      const start = decodeCursor(cursor);
      const result = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': pk },
          ScanIndexForward: false,
          Limit: limit,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const next = encodeCursor(result.LastEvaluatedKey);
      return {
        people: (result.Items ?? []).map((item) => userProfileSchema.parse(withoutKeys(item))),
        ...(next ? { cursor: next } : {}),
      };
    },
    async create(profile, audit) {
      const outcome = await transactWrite(db, [personCreate(db, profile), auditPut(db, audit)]);
      return outcome.ok ? 'created' : 'exists';
    },
    async update(profile, expectedVersion, audit) {
      const outcome = await transactWrite(db, [
        personUpdate(db, profile, expectedVersion),
        auditPut(db, audit),
      ]);
      return outcome.ok ? 'updated' : 'stale';
    },
  };
}
