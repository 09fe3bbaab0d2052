import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Product, type ProductListQuery, type ProductRepository, productSchema } from '@chophien/core';
import type { Db } from './client.ts';
import { catalogByStatus, productBySlug, productKey, productKeys, withoutKeys } from './keys/index.ts';

const toProduct = (item: Record<string, unknown>): Product => productSchema.parse(withoutKeys(item));

export function productRepository(db: Db): ProductRepository {
  return {
    async listPublished(query: ProductListQuery) {
      const { index, pk } = catalogByStatus('published');
      const result = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: {
            '#pk': index.partitionKey,
            ...(query.category ? { '#category': 'category' } : {}),
          },
          ExpressionAttributeValues: {
            ':pk': pk,
            ...(query.category ? { ':category': query.category } : {}),
          },
          ...(query.category ? { FilterExpression: '#category = :category' } : {}),
          ScanIndexForward: false,
          Limit: query.category ? undefined : query.limit,
        }),
      );
      return (result.Items ?? []).slice(0, query.limit).map(toProduct);
    },
    async getBySlug(slug: string) {
      const { index, pk } = productBySlug(slug);
      const result = await db.doc.send(
        new QueryCommand({
          TableName: db.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': pk },
          Limit: 1,
        }),
      );
      const item = result.Items?.[0];
      return item ? toProduct(item) : undefined;
    },
    async getById(id: string) {
      const result = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: productKey(id) }));
      return result.Item ? toProduct(result.Item) : undefined;
    },
    async put(product: Product) {
      await db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: { ...productKeys(product), ...product, type: 'Product' },
        }),
      );
    },
  };
}
