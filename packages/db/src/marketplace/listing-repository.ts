import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ListingStore, listingPhotoSchema, type Product, productSchema } from '@chophien/core';
import type { Db } from '../client.ts';
import { productKey, productKeys, withoutKeys } from '../keys/foundation.ts';
import { gtinClaimKey } from '../keys/gtin.ts';
import { listingsByFarmer } from '../keys/marketplace.ts';

const toProduct = (item: Record<string, unknown>): Product => productSchema.parse(withoutKeys(item));

export function listingRepository(db: Db): ListingStore {
  const TableName = db.tableName;
  return {
    async get(id) {
      const result = await db.doc.send(
        new GetCommand({ TableName, Key: productKey(id), ConsistentRead: true }),
      );
      return result.Item ? toProduct(result.Item) : undefined;
    },

    async claimGtin(gtin, ownerId, listingId) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName,
            Key: gtinClaimKey(gtin),
            // First claim wins; the owner's later listings with the same GTIN leave it as it is.
            UpdateExpression:
              'SET ownerId = if_not_exists(ownerId, :owner), firstListingId = if_not_exists(firstListingId, :listing), entity = :entity',
            ConditionExpression: 'attribute_not_exists(ownerId) OR ownerId = :owner',
            ExpressionAttributeValues: { ':owner': ownerId, ':listing': listingId, ':entity': 'GtinClaim' },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async create(product) {
      await db.doc.send(
        new PutCommand({
          TableName,
          Item: { ...productKeys(product), ...product, type: 'Product' },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },

    async update(id, patch, updatedAt) {
      const { stock: _stock, id: _id, farmerId: _farmer, createdAt: _created, ...fields } = patch;
      const entries = Object.entries({ ...fields, updatedAt }).filter(([, value]) => value !== undefined);
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets = entries.map(([key, value], i) => {
        names[`#f${i}`] = key;
        values[`:v${i}`] = value;
        return `#f${i} = :v${i}`;
      });
      // The catalog index is keyed by status, so a status change moves the listing with it.
      if (fields.status) {
        sets.push('GSI3PK = :catalog');
        values[':catalog'] = productKeys({
          id,
          farmerId: '',
          slug: '',
          status: fields.status,
          createdAt: '',
        }).GSI3PK;
      }
      const result = await db.doc.send(
        new UpdateCommand({
          TableName,
          Key: productKey(id),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toProduct(result.Attributes ?? {});
    },

    async adjustStock(id, deltaUnits, updatedAt) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName,
            Key: productKey(id),
            UpdateExpression: 'SET updatedAt = :at ADD #stock :delta',
            ConditionExpression: 'attribute_exists(PK) AND #stock >= :floor',
            ExpressionAttributeNames: { '#stock': 'stock' },
            ExpressionAttributeValues: {
              ':delta': deltaUnits,
              ':floor': Math.max(-deltaUnits, 0),
              ':at': updatedAt,
            },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async getPhotos(id) {
      const result = await db.doc.send(
        new GetCommand({
          TableName,
          Key: productKey(id),
          ConsistentRead: true,
          ProjectionExpression: 'PK, photos, photosVersion',
        }),
      );
      if (!result.Item) return undefined;
      const photos = listingPhotoSchema.array().parse(result.Item.photos ?? []);
      return { photos, version: (result.Item.photosVersion as number | undefined) ?? 0 };
    },

    async setPhotos(id, photos, version, updatedAt) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName,
            Key: productKey(id),
            UpdateExpression: 'SET photos = :photos, photosVersion = :next, updatedAt = :at',
            // Version 0 is a listing that never had photos (no attribute yet).
            ConditionExpression:
              'attribute_exists(PK) AND (photosVersion = :version OR (attribute_not_exists(photosVersion) AND :version = :zero))',
            ExpressionAttributeValues: {
              ':photos': photos,
              ':next': version + 1,
              ':version': version,
              ':zero': 0,
              ':at': updatedAt,
            },
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async listByFarmer(farmerId) {
      const { index, pk, skPrefix } = listingsByFarmer(farmerId);
      const result = await db.doc.send(
        new QueryCommand({
          TableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
          ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
          ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
          ScanIndexForward: false,
        }),
      );
      return (result.Items ?? []).map(toProduct);
    },
  };
}
