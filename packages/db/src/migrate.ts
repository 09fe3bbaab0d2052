import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type GlobalIndexDefinition, keyAttributes, tableDefinition } from './table.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const gsi = (index: GlobalIndexDefinition): GlobalSecondaryIndex => ({
  IndexName: index.indexName,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' },
    { AttributeName: index.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: 'ALL' },
});

const attributeDefinitions = (indexes: readonly GlobalIndexDefinition[]) => {
  const names = new Set<string>([keyAttributes.partitionKey, keyAttributes.sortKey]);
  for (const index of indexes) {
    names.add(index.partitionKey);
    names.add(index.sortKey);
  }
  return [...names].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const }));
};

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  // Up to five minutes: a new index on a large table backfills before it turns ACTIVE.
  for (let attempt = 0; attempt < 3000; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    await sleep(100);
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}

export interface MigrationReport {
  readonly created: boolean;
  readonly addedIndexes: string[];
  readonly ttlEnabled: boolean;
}

/**
 * Brings a table to the shared definition: creates it when missing, adds any missing GSI
 * (one at a time, as DynamoDB requires) and enables TTL. Safe to run on every start.
 * Used by the local runtime and tests; on AWS, CloudFormation owns the table.
 */
export async function migrateTable(client: DynamoDBClient, tableName: string): Promise<MigrationReport> {
  let created = false;
  let existing: GlobalIndexDefinition['indexName'][] = [];
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    existing = (Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName ?? '');
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: keyAttributes.partitionKey, KeyType: 'HASH' },
          { AttributeName: keyAttributes.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: attributeDefinitions(tableDefinition.indexes),
        GlobalSecondaryIndexes: tableDefinition.indexes.map(gsi),
      }),
    );
    created = true;
    existing = tableDefinition.indexes.map((index) => index.indexName);
  }
  await waitUntilActive(client, tableName);

  const addedIndexes: string[] = [];
  for (const index of tableDefinition.indexes) {
    if (existing.includes(index.indexName)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions([index]),
        GlobalSecondaryIndexUpdates: [{ Create: gsi(index) }],
      }),
    );
    await waitUntilActive(client, tableName);
    addedIndexes.push(index.indexName);
  }

  const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const ttlEnabled = ttl.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED';
  if (!ttlEnabled) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      }),
    );
  }
  return { created, addedIndexes, ttlEnabled: true };
}
