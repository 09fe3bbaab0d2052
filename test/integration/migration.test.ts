import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { indexes, migrateTable, tableDefinition } from '@chophien/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../infra/local/src/dynamodb-local.ts';
import { freePort } from '../../infra/local/src/ports.ts';

// Its own DynamoDB Local: adding a GSI to a live table stalled for minutes on the instance the whole
// suite shares (background backfill behind other files' transactions), while it takes seconds alone.
let dynamo: DynamoDbLocal;
let client: DynamoDBClient;
beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort() });
  client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
const created: string[] = [];
const tableName = (label: string) => {
  const name = `m_${label}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  created.push(name);
  return name;
};

afterAll(async () => {
  for (const name of created)
    await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
  client.destroy();
  await dynamo?.stop();
});

const indexNames = async (name: string) =>
  ((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.GlobalSecondaryIndexes ?? [])
    .map((index) => index.IndexName)
    .sort();

describe('migrateTable (connected)', () => {
  it('creates a missing table with every index of the definition and TTL', async () => {
    const name = tableName('new');
    const report = await migrateTable(client, name);
    expect(report).toMatchObject({ created: true, addedIndexes: [] });
    expect(await indexNames(name)).toEqual(tableDefinition.indexes.map((index) => index.indexName).sort());
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
  });

  it('adds the indexes an older table lacks, one at a time, and keeps the ones it has', async () => {
    const name = tableName('old');
    const first = indexes.byOwner;
    await client.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: ['PK', 'SK', first.partitionKey, first.sortKey].map((AttributeName) => ({
          AttributeName,
          AttributeType: 'S',
        })),
        GlobalSecondaryIndexes: [
          {
            IndexName: first.indexName,
            KeySchema: [
              { AttributeName: first.partitionKey, KeyType: 'HASH' },
              { AttributeName: first.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    const report = await migrateTable(client, name);
    expect(report.created).toBe(false);
    expect(report.addedIndexes).toEqual([indexes.byCode.indexName, indexes.byTime.indexName]);
    expect(await indexNames(name)).toEqual(['GSI1', 'GSI2', 'GSI3']);
    expect(await migrateTable(client, name)).toMatchObject({ created: false, addedIndexes: [] });
    // Index creation waits for DynamoDB Local's background work, slow when the whole suite shares it.
  }, 240_000);
});
