/**
 * The Cognito post-confirmation trigger: a phone sign-up becomes a buyer (group + profile), and a
 * retried trigger writes nothing twice.
 */
import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, type PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { newBuyerProfile, userProfileSchema } from '@chophien/core';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeBuyer } from '../identity/post-confirmation.ts';

const cognitoMock = mockClient(CognitoIdentityProviderClient);
const dynamoMock = mockClient(DynamoDBDocumentClient);
const SUB = '5a1c6f3e-0000-4000-8000-00000000abcd';
const PHONE = '+84987000099';

const event = (triggerSource = 'PostConfirmation_ConfirmSignUp'): PostConfirmationTriggerEvent =>
  ({
    version: '1',
    region: 'ap-southeast-1',
    userPoolId: 'ap-southeast-1_Pool1',
    userName: SUB,
    triggerSource,
    callerContext: { awsSdkVersion: 'x', clientId: 'client-123' },
    request: { userAttributes: { sub: SUB, phone_number: PHONE, phone_number_verified: 'true' } },
    response: {},
  }) as PostConfirmationTriggerEvent;

/** A table that honours `attribute_not_exists(PK)` the way DynamoDB does. */
let table: Map<string, Record<string, unknown>>;
let clock: Date;
const deps = () => {
  const raw = new DynamoDBClient({ region: 'ap-southeast-1' });
  return {
    cognito: new CognitoIdentityProviderClient({ region: 'ap-southeast-1' }),
    db: { raw, doc: DynamoDBDocumentClient.from(raw), tableName: 'chophien-test' },
    now: () => clock,
  };
};

beforeEach(() => {
  cognitoMock.reset();
  dynamoMock.reset();
  table = new Map();
  clock = new Date('2026-11-23T10:00:00.000Z');
  cognitoMock.on(AdminAddUserToGroupCommand).resolves({});
  dynamoMock.on(PutCommand).callsFake((input: PutCommandInput) => {
    const key = `${input.Item?.PK}|${input.Item?.SK}`;
    if (input.ConditionExpression === 'attribute_not_exists(PK)' && table.has(key)) {
      throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    }
    table.set(key, input.Item as Record<string, unknown>);
    return {};
  });
});

describe('post-confirmation trigger: a phone sign-up becomes a buyer', () => {
  it('adds the user to the buyer group of their pool', async () => {
    await makeBuyer(deps(), event());
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand).map((call) => call.args[0].input)).toEqual([
      { UserPoolId: 'ap-southeast-1_Pool1', Username: SUB, GroupName: 'buyer' },
    ]);
  });

  it('writes the profile the dev identity provider writes, keyed by the token subject, with a condition', async () => {
    await makeBuyer(deps(), event());
    const puts = dynamoMock.commandCalls(PutCommand);
    expect(puts).toHaveLength(1);
    const input = puts[0]!.args[0].input;
    expect(input.TableName).toBe('chophien-test');
    expect(input.ConditionExpression).toBe('attribute_not_exists(PK)');
    expect(input.Item).toEqual({
      PK: `USER#${SUB}`,
      SK: 'PROFILE',
      GSI2PK: `PHONE#${PHONE}`,
      GSI2SK: 'USER',
      GSI3PK: 'PEOPLE',
      GSI3SK: `2026-11-23T10:00:00.000Z#${SUB}`,
      type: 'User',
      id: SUB,
      phone: PHONE,
      name: 'Người mua 0099',
      roles: ['buyer'],
      grants: [{ role: 'buyer' }],
      status: 'active',
      createdAt: '2026-11-23T10:00:00.000Z',
    });
    const { PK, SK, GSI2PK, GSI2SK, GSI3PK, GSI3SK, type, ...profile } = input.Item as Record<
      string,
      unknown
    >;
    expect(userProfileSchema.parse(profile)).toEqual(profile);
  });

  it('a retried trigger is a no-op: no error, the first profile stays as it was', async () => {
    await makeBuyer(deps(), event());
    const first = structuredClone([...table.values()]);
    clock = new Date('2026-11-23T10:00:05.000Z');
    await expect(makeBuyer(deps(), event())).resolves.toBeUndefined();
    expect([...table.values()]).toEqual(first);
    expect(table.size).toBe(1);
  });

  it('does not overwrite a profile that already exists (e.g. made by an administrator)', async () => {
    table.set(`USER#${SUB}|PROFILE`, {
      PK: `USER#${SUB}`,
      SK: 'PROFILE',
      name: 'Chị Lan',
      roles: ['farmer'],
    });
    await makeBuyer(deps(), event());
    expect(table.get(`USER#${SUB}|PROFILE`)).toMatchObject({ name: 'Chị Lan', roles: ['farmer'] });
  });

  it('a password reset confirmation (same trigger) changes nothing', async () => {
    await makeBuyer(deps(), event('PostConfirmation_ConfirmForgotPassword'));
    expect(cognitoMock.commandCalls(AdminAddUserToGroupCommand)).toHaveLength(0);
    expect(dynamoMock.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('other failures surface, so Cognito retries the trigger', async () => {
    dynamoMock.on(PutCommand).rejects(new Error('ProvisionedThroughputExceeded'));
    await expect(makeBuyer(deps(), event())).rejects.toThrow(/ProvisionedThroughput/);
    cognitoMock.on(AdminAddUserToGroupCommand).rejects(new Error('TooManyRequests'));
    await expect(makeBuyer(deps(), event())).rejects.toThrow(/TooManyRequests/);
  });

  it('the buyer profile is valid for the platform', () => {
    expect(() => userProfileSchema.parse(newBuyerProfile(SUB, PHONE, clock))).not.toThrow();
  });
});
