/**
 * The one definition of the platform's single DynamoDB table.
 * CDK (infra/aws), the local runtime (infra/local) and the tests all read it from here;
 * access patterns and the keys that serve them are recorded in docs/decisions/0002-table-design.md.
 */
export const TABLE_NAME_DEFAULT = 'chophien';

export const keyAttributes = { partitionKey: 'PK', sortKey: 'SK' } as const;

export interface GlobalIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const indexes = {
  /** Inverse and "by owner" lookups: items of a farmer, orders of a buyer, stalls of a market. */
  byOwner: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
  /** Public codes and listings: order/sale/stall codes, published products by category. */
  byCode: { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  /** Time-ordered feeds: payments by account and day, events by lot. */
  byTime: { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
} as const satisfies Record<string, GlobalIndexDefinition>;

export type IndexName = (typeof indexes)[keyof typeof indexes]['indexName'];

/** Epoch seconds; DynamoDB deletes the item some time after it passes (unpaid orders, scan dedup). */
export const ttlAttribute = 'expiresAt';

export const tableDefinition = {
  keyAttributes,
  indexes: Object.values(indexes) as readonly GlobalIndexDefinition[],
  ttlAttribute,
} as const;
