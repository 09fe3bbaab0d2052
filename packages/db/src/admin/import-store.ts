import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportJob, ImportRow, ImportStore } from '@chophien/core';
import type { Db } from '../client.ts';
import { importChunkKey, importJobKey, importJobKeys } from '../keys/admin.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { indexes } from '../table.ts';

const toJob = (item: Record<string, unknown>): ImportJob => {
  const { type: _type, ...job } = withoutKeys(item) as Record<string, unknown>;
  return job as unknown as ImportJob;
};

/** Import jobs and their row chunks (implements core's ImportStore). */
export function importStore(db: Db): ImportStore {
  const table = db.tableName;
  return {
    async createJob(job, chunks) {
      // Chunks first, then the job: a job that exists always has all its rows.
      for (const [index, rows] of chunks.entries()) {
        await db.doc.send(
          new PutCommand({
            TableName: table,
            Item: { ...importChunkKey(job.id, index), type: 'ImportChunk', rows },
          }),
        );
      }
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...importJobKeys(job), type: 'ImportJob', ...job },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async getJob(id) {
      const result = await db.doc.send(
        new GetCommand({ TableName: table, Key: importJobKey(id), ConsistentRead: true }),
      );
      return result.Item ? toJob(result.Item) : undefined;
    },
    async getChunk(id, index) {
      const result = await db.doc.send(new GetCommand({ TableName: table, Key: importChunkKey(id, index) }));
      return (result.Item?.rows as ImportRow[] | undefined) ?? [];
    },
    async recordChunk(id, index, outcome, finishedAt) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: table,
            Key: importJobKey(id),
            UpdateExpression: `SET nextChunk = :next, problems = list_append(problems, :problems)${
              finishedAt ? ', #status = :done, finishedAt = :at' : ''
            } ADD created :created, unchanged :unchanged, failed :failed`,
            ConditionExpression: 'nextChunk = :index',
            ExpressionAttributeNames: finishedAt ? { '#status': 'status' } : undefined,
            ExpressionAttributeValues: {
              ':next': index + 1,
              ':index': index,
              ':problems': outcome.problems,
              ':created': outcome.created,
              ':unchanged': outcome.unchanged,
              ':failed': outcome.failed,
              ...(finishedAt ? { ':done': 'done', ':at': finishedAt } : {}),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async listJobs(limit) {
      const result = await db.doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: indexes.byOwner.indexName,
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': 'IMPORTS' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (result.Items ?? []).map(toJob);
    },
  };
}
