import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { transactWrite } from '../../src/marketplace/transact.ts';

const raw = new DynamoDBClient({ region: 'ap-southeast-1' });
const doc = DynamoDBDocumentClient.from(raw);
const db = { doc, raw, tableName: 't' };
const mock = mockClient(doc);

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

beforeEach(() => mock.reset());

describe('transactWrite', () => {
  it('retries while it only loses to concurrent transactions, then succeeds', async () => {
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'TransactionConflict'))
      .rejectsOnce(cancelled('TransactionConflict', 'None'))
      .resolves({});
    await expect(transactWrite(db, [])).resolves.toEqual({ ok: true });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('a failed condition is the answer: returned at once with every item’s reason, never retried', async () => {
    mock.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed', 'TransactionConflict'));
    await expect(transactWrite(db, [])).resolves.toEqual({
      ok: false,
      reasons: ['None', 'ConditionalCheckFailed', 'TransactionConflict'],
    });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('gives up after the attempt budget and rethrows rather than pretending', async () => {
    mock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));
    await expect(transactWrite(db, [], 3)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });

  it('other errors (throttling, validation) propagate unchanged', async () => {
    mock.on(TransactWriteCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    await expect(transactWrite(db, [])).rejects.toThrow('ProvisionedThroughputExceeded');
  });
});
