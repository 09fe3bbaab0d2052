import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsentEvidence, ConsentRecord, PrivacyStore } from '@chophien/core';
import { auditPut, personUpdate } from '../admin/people-store.ts';
import type { Db } from '../client.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { payoutAccountKey } from '../keys/marketplace.ts';
import { accountKey, stallKeys } from '../keys/markets.ts';
import { stallHelperKey } from '../keys/onboarding.ts';
import { consentEvidenceKey, consentKey, consentsOfUserPrefix } from '../keys/privacy.ts';
import { type TransactItems, transactWrite } from '../marketplace/transact.ts';
import { consentOf } from '../onboarding/onboarding-store.ts';
import { recordsUnder } from '../partition.ts';

type TransactItem = TransactItems[number];

/** Consents, their evidence, and erasure over the single table (implements core's PrivacyStore). */
export function privacyStore(db: Db): PrivacyStore {
  const table = db.tableName;
  return {
    listConsents: (userId) => recordsUnder<ConsentRecord>(db, consentsOfUserPrefix(userId)),
    async getConsent(userId, consentId) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: table, Key: consentKey(userId, consentId), ConsistentRead: true }),
      );
      return Item ? consentOf(Item) : undefined;
    },
    async getEvidence(userId, consentId) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: table, Key: consentEvidenceKey(userId, consentId) }),
      );
      if (!Item) return undefined;
      const { type: _type, ...evidence } = withoutKeys(Item) as ConsentEvidence & { type?: string };
      return { ...evidence, bytes: new Uint8Array(evidence.bytes) } as ConsentEvidence;
    },
    async withdrawConsent({ consent, profile, expectedVersion, audit }) {
      const outcome = await transactWrite(db, [
        {
          Update: {
            TableName: table,
            Key: consentKey(consent.userId, consent.id),
            UpdateExpression: 'SET #status = :withdrawn, withdrawnAt = :at',
            ConditionExpression: '#status = :given',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':withdrawn': 'withdrawn',
              ':given': 'given',
              ':at': consent.withdrawnAt ?? '',
            },
          },
        },
        personUpdate(db, profile, expectedVersion),
        auditPut(db, audit),
      ]);
      return outcome.ok ? 'withdrawn' : 'stale';
    },
    async erase({ profile, expectedVersion, vacated, retiredAccounts, helperOfStalls, audit }) {
      const items: TransactItem[] = [
        personUpdate(db, profile, expectedVersion),
        auditPut(db, audit),
        { Delete: { TableName: table, Key: payoutAccountKey(profile.id) } },
        ...vacated.map(
          (stall): TransactItem => ({
            Put: {
              TableName: table,
              Item: { ...stallKeys(stall), type: 'Stall', ...stall },
              ConditionExpression: 'vendorId = :person',
              ExpressionAttributeValues: { ':person': profile.id },
            },
          }),
        ),
        ...retiredAccounts.map(
          ({ vendorId, accountId }): TransactItem => ({
            Update: {
              TableName: table,
              Key: accountKey(vendorId, accountId),
              UpdateExpression: 'SET #status = :retired',
              ConditionExpression: 'attribute_exists(PK)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':retired': 'retired' },
            },
          }),
        ),
        ...helperOfStalls.map(
          (stallId): TransactItem => ({
            Delete: { TableName: table, Key: stallHelperKey(stallId, profile.id) },
          }),
        ),
      ];
      const outcome = await transactWrite(db, items);
      return outcome.ok ? 'erased' : 'stale';
    },
  };
}
