import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type HouseholdDirectory,
  type UserProfile,
  type UserRepository,
  userProfileSchema,
} from '@chophien/core';
import type { Db } from './client.ts';
import { userKey, userKeys, usersOfCommune, withoutKeys } from './keys/index.ts';
import { indexes } from './table.ts';

const toUser = (item: Record<string, unknown>): UserProfile => userProfileSchema.parse(withoutKeys(item));

export function userRepository(db: Db): UserRepository {
  return {
    async get(id) {
      const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: userKey(id) }));
      return result.Item ? toUser(result.Item) : undefined;
    },
    async getByPhone(phone) {
      const result = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: indexes.byCode.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': indexes.byCode.partitionKey },
          ExpressionAttributeValues: { ':pk': `PHONE#${phone}` },
          Limit: 1,
        }),
      );
      const item = result.Items?.[0];
      return item ? toUser(item) : undefined;
    },
    async put(user) {
      await db.doc.send(
        new PutCommand({ TableName: db.tableName, Item: { ...userKeys(user), ...user, type: 'User' } }),
      );
    },
  };
}

/** Farmers (and anyone else) registered in one commune, for the commune officer's desk. */
export function householdDirectory(db: Db): HouseholdDirectory {
  return {
    async listFarmersInCommune(province, commune, limit) {
      const { index, pk, skPrefix } = usersOfCommune(province, commune);
      const result = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
          ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map(toUser).filter((user) => user.roles.includes('farmer'));
    },
  };
}
