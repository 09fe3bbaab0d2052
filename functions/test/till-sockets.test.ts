/**
 * The live till's WebSocket functions with the AWS SDK mocked: `$connect` spends a one-time ticket
 * and binds the socket to the vendor's stalls; the stream fan-out posts a vendor's payment only to
 * that vendor's sockets and forgets sockets that are gone (410).
 */

import {
  ApiGatewayManagementApiClient,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { hashTillTicket, type LedgerEntry, tillMessage } from '@chophien/core';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as connect } from '../markets/till-connect.ts';
import { handler as disconnect } from '../markets/till-disconnect.ts';
import { handler as push } from '../markets/till-push.ts';

process.env.TABLE_NAME = 'till-unit';
process.env.AWS_REGION = 'ap-southeast-1';
process.env.TILL_WS_ENDPOINT = 'https://abc123.execute-api.ap-southeast-1.amazonaws.com/live';

const ddb = mockClient(DynamoDBDocumentClient);
const sockets = mockClient(ApiGatewayManagementApiClient);

beforeEach(() => {
  ddb.reset();
  sockets.reset();
});

const TICKET = `${'A'.repeat(40)}b_-`;
const connectEvent = (ticket?: string) => ({
  requestContext: { connectionId: 'conn-1', routeKey: '$connect' },
  queryStringParameters: ticket === undefined ? null : { ticket },
});

describe('till-connect ($connect)', () => {
  it('spends the ticket and stores the connection bound to the vendor and their stalls', async () => {
    ddb.on(DeleteCommand).resolves({ Attributes: { vendorId: 'v1' } });
    ddb.on(QueryCommand).resolves({
      Items: [
        { id: 's1', vendorId: 'v1', marketId: 'm1', code: 'TD-A01' },
        { id: 's2', vendorId: 'v1', marketId: 'm1', code: 'TD-A02' },
      ],
    });
    ddb.on(PutCommand).resolves({});
    expect(await connect(connectEvent(TICKET))).toEqual({ statusCode: 200 });

    const [deleted] = ddb.commandCalls(DeleteCommand);
    expect(deleted!.args[0].input.Key).toEqual({
      PK: `TILLTICKET#${hashTillTicket(TICKET)}`,
      SK: 'TILLTICKET',
    });
    expect(deleted!.args[0].input.ConditionExpression).toContain('attribute_exists(PK)');
    const [stored] = ddb.commandCalls(PutCommand);
    expect(stored!.args[0].input.Item).toMatchObject({
      PK: 'TILLCONN#conn-1',
      GSI1PK: 'VENDOR#v1#TILLCONNS',
      vendorId: 'v1',
      stallIds: ['s1', 's2'],
    });
    expect(typeof stored!.args[0].input.Item!.expiresAt).toBe('number');
  });

  it('refuses a used, expired or unknown ticket (the conditional delete fails) and stores nothing', async () => {
    ddb.on(DeleteCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    expect(await connect(connectEvent(TICKET))).toEqual({ statusCode: 401 });
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('refuses no ticket, and an ID token passed instead of a ticket, without touching the table', async () => {
    const idToken = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ2MSIsImNvZ25pdG86Z3JvdXBzIjpbImJ1eWVyIl19.c2ln';
    expect(await connect(connectEvent())).toEqual({ statusCode: 401 });
    expect(await connect(connectEvent(idToken))).toEqual({ statusCode: 401 });
    expect(ddb.calls()).toHaveLength(0);
  });
});

describe('till-disconnect ($disconnect)', () => {
  it('deletes the connection item', async () => {
    ddb.on(DeleteCommand).resolves({});
    expect(await disconnect({ requestContext: { connectionId: 'conn-9' } })).toEqual({ statusCode: 200 });
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual({
      PK: 'TILLCONN#conn-9',
      SK: 'TILLCONN',
    });
  });
});

const entry = (vendorId: string, stallId: string, amountVnd: number, tx: string): LedgerEntry => ({
  id: `sepay#${tx}`,
  stallId,
  marketId: 'm1',
  vendorId,
  amountVnd,
  memo: 'TDA01',
  via: 'stall_code',
  provider: 'sepay',
  providerTransactionId: tx,
  receivedAt: '2026-11-23T02:15:02.000Z',
  creditedAt: '2026-11-23T02:15:02.150Z',
});

/** A NEW_IMAGE stream record as DynamoDB Streams delivers it. */
const record = (item: LedgerEntry | Record<string, string>, type = 'LedgerEntry') => ({
  eventName: 'INSERT',
  dynamodb: {
    NewImage: Object.fromEntries(
      Object.entries({ ...item, type, PK: 'x', SK: 'y' }).map(([key, value]) => [
        key,
        typeof value === 'number' ? { N: String(value) } : { S: String(value) },
      ]),
    ),
  },
});

const connection = (connectionId: string, vendorId: string, stallIds: string[]) => ({
  PK: `TILLCONN#${connectionId}`,
  SK: 'TILLCONN',
  connectionId,
  vendorId,
  stallIds,
  connectedAt: '2026-11-23T01:00:00.000Z',
});

describe('till-push (DynamoDB Streams fan-out)', () => {
  it("posts a vendor's payment only to that vendor's sockets, as the SSE feed's JSON; 410 removes the socket", async () => {
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'VENDOR#v1#TILLCONNS' } }).resolves({
      Items: [
        connection('phone-v1', 'v1', ['s1']),
        connection('old-tab-v1', 'v1', ['s1']),
        connection('other-stall-v1', 'v1', ['s7']),
      ],
    });
    ddb.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'VENDOR#v2#TILLCONNS' } }).resolves({
      Items: [connection('phone-v2', 'v2', ['s3'])],
    });
    ddb.on(DeleteCommand).resolves({});
    sockets.on(PostToConnectionCommand).resolves({});
    sockets
      .on(PostToConnectionCommand, { ConnectionId: 'old-tab-v1' })
      .rejects(new GoneException({ message: 'gone', $metadata: { httpStatusCode: 410 } }));

    const first = entry('v1', 's1', 50_000, 'T1');
    const second = entry('v2', 's3', 120_000, 'T2');
    await push({ Records: [record(first), record(second)] });

    const posts = sockets.commandCalls(PostToConnectionCommand).map((call) => ({
      to: call.args[0].input.ConnectionId,
      message: JSON.parse(String(call.args[0].input.Data)),
    }));
    expect(posts).toEqual([
      { to: 'phone-v1', message: tillMessage(first) },
      { to: 'old-tab-v1', message: tillMessage(first) },
      { to: 'phone-v2', message: tillMessage(second) },
    ]);
    expect(posts[0]!.message).toMatchObject({ amountVnd: 50_000, spoken: 'Đã nhận năm mươi nghìn đồng' });
    const deleted = ddb.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key);
    expect(deleted).toEqual([{ PK: 'TILLCONN#old-tab-v1', SK: 'TILLCONN' }]);
  });

  it('ignores records that are not ledger entries (nothing read, nothing posted)', async () => {
    await push({ Records: [record({ id: 'x', vendorId: 'v1' }, 'StallFee'), { eventName: 'MODIFY' }] });
    expect(ddb.calls()).toHaveLength(0);
    expect(sockets.calls()).toHaveLength(0);
  });

  it('a throttled post keeps the socket (only 410 removes one)', async () => {
    ddb.on(QueryCommand).resolves({ Items: [connection('phone-v1', 'v1', ['s1'])] });
    sockets.on(PostToConnectionCommand).rejects(
      Object.assign(new Error('slow down'), {
        name: 'LimitExceededException',
        $metadata: { httpStatusCode: 429 },
      }),
    );
    await push({ Records: [record(entry('v1', 's1', 10_000, 'T3'))] });
    expect(sockets.commandCalls(PostToConnectionCommand)).toHaveLength(1);
    expect(ddb.commandCalls(DeleteCommand)).toHaveLength(0);
  });
});
