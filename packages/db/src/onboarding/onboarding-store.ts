import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ConsentRecord,
  HouseholdRequest,
  HouseholdStore,
  OnboardingStore,
  PersonWrite,
  RoundStore,
  Stall,
  StallHelperLink,
  StandeeCheck,
  StandeeRound,
} from '@chophien/core';
import { auditPut, personCreate, personUpdate } from '../admin/people-store.ts';
import type { Db } from '../client.ts';
import { withoutKeys } from '../keys/foundation.ts';
import { stallKey, stallKeys } from '../keys/markets.ts';
import {
  householdRequestKey,
  roundCheckKey,
  roundChecksPrefix,
  roundKey,
  roundKeys,
  roundsOfMarketPk,
  stallHelperKey,
  stallHelpersPrefix,
} from '../keys/onboarding.ts';
import { consentEvidenceKey, consentKeys, consentsRecordedByPk } from '../keys/privacy.ts';
import { type TransactItems, transactWrite } from '../marketplace/transact.ts';
import { marketsStore } from '../markets/markets-store.ts';
import { newestOnOwnerIndex, recordOf, recordsUnder } from '../partition.ts';
import { ttlAttribute } from '../table.ts';

type TransactItem = TransactItems[number];

/** Onboarding's writes over the single table (implements core's OnboardingStore). */
export function onboardingStore(db: Db): OnboardingStore {
  const markets = marketsStore(db);
  const table = db.tableName;

  const stallPut = (stall: Stall, condition: string, values: Record<string, unknown>): TransactItem => ({
    Put: {
      TableName: table,
      Item: { ...stallKeys(stall), type: 'Stall', ...stall },
      ConditionExpression: condition,
      ExpressionAttributeValues: values,
    },
  });

  const personItems = (person: PersonWrite): TransactItem[] => [
    person.kind === 'create'
      ? personCreate(db, person.profile)
      : personUpdate(db, person.profile, person.expectedVersion),
    auditPut(db, person.audit),
  ];

  return {
    getMarket: (id) => markets.getMarket(id),
    getStall: (id) => markets.getStall(id),
    listStallsOfMarket: (marketId) => markets.listStallsOfMarket(marketId),
    listAccounts: (vendorId) => markets.listAccounts(vendorId),

    async assignStall({ stall, person, audit }) {
      const outcome = await transactWrite(db, [
        stallPut(stall, 'attribute_exists(PK) AND vendorId = :vacant', { ':vacant': '' }),
        auditPut(db, audit),
        ...(person ? personItems(person) : []),
      ]);
      if (outcome.ok) return 'assigned';
      return outcome.reasons[0] === 'ConditionalCheckFailed' ? 'taken' : 'person_stale';
    },

    async vacateStall({ stall, vendorId, audit }) {
      const outcome = await transactWrite(db, [
        stallPut(stall, 'attribute_exists(PK) AND vendorId = :vendor', { ':vendor': vendorId }),
        auditPut(db, audit),
      ]);
      return outcome.ok ? 'vacated' : 'changed';
    },

    async markStandeesPrinted(printed, at, audit) {
      let marked = 0;
      for (const { stallId, accountId } of printed) {
        try {
          await db.doc.send(
            new UpdateCommand({
              TableName: table,
              Key: stallKey(stallId),
              UpdateExpression: 'SET standeeAccountId = :account, standeePrintedAt = :at',
              // The stall may have been vacated or repointed since the sheet was made: that standee is stale.
              ConditionExpression: 'attribute_exists(PK) AND accountId = :account',
              ExpressionAttributeValues: { ':account': accountId, ':at': at },
            }),
          );
          marked += 1;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      if (marked > 0) await transactWrite(db, [auditPut(db, audit)]);
      return marked;
    },

    async addStallHelper({ person, link }) {
      const outcome = await transactWrite(db, [
        ...personItems(person),
        {
          Put: {
            TableName: table,
            Item: { ...stallHelperKey(link.stallId, link.helperId), type: 'StallHelper', ...link },
          },
        },
      ]);
      return outcome.ok ? 'added' : 'stale';
    },

    async removeStallHelper({ person, expectedVersion, stallId, audit }) {
      const outcome = await transactWrite(db, [
        personUpdate(db, person, expectedVersion),
        auditPut(db, audit),
        { Delete: { TableName: table, Key: stallHelperKey(stallId, person.id) } },
      ]);
      return outcome.ok ? 'removed' : 'stale';
    },

    listStallHelpers: (stallId) => recordsUnder<StallHelperLink>(db, stallHelpersPrefix(stallId)),
  };
}

/** Households registered through a helper, with their consent (implements core's HouseholdStore). */
export function householdStore(db: Db): HouseholdStore {
  const table = db.tableName;
  return {
    async putRequest(request) {
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: {
            ...householdRequestKey(request.id),
            type: 'HouseholdRequest',
            ...request,
            // The TTL attribute shares the name `expiresAt`: the code's own expiry is kept beside it.
            codeExpiresAt: request.expiresAt,
            [ttlAttribute]: Math.floor(Date.parse(request.expiresAt) / 1000) + 3600,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async getRequest(id) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: table, Key: householdRequestKey(id), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const {
        type: _type,
        codeExpiresAt,
        expiresAt: _ttl,
        ...rest
      } = withoutKeys(Item) as Record<string, unknown>;
      return { ...rest, expiresAt: codeExpiresAt } as HouseholdRequest;
    },
    async countFailure(id, seen) {
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: table,
            Key: householdRequestKey(id),
            UpdateExpression: 'SET attempts = :next',
            ConditionExpression: 'attribute_exists(PK) AND attempts = :seen',
            ExpressionAttributeValues: { ':seen': seen, ':next': seen + 1 },
          }),
        );
      } catch (error) {
        // Another guess counted this try already, or the request was used: either way this one failed.
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
    async register({ person, consent, evidence, request }) {
      const items: TransactItem[] = [
        person.kind === 'create'
          ? personCreate(db, person.profile)
          : personUpdate(db, person.profile, person.expectedVersion),
        auditPut(db, person.audit),
        {
          Put: {
            TableName: table,
            Item: { ...consentKeys(consent), type: 'Consent', ...consent },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
      ];
      if (evidence)
        items.push({
          Put: {
            TableName: table,
            Item: {
              ...consentEvidenceKey(evidence.userId, evidence.consentId),
              type: 'ConsentPhoto',
              ...evidence,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        });
      if (request)
        items.push({
          Delete: {
            TableName: table,
            Key: householdRequestKey(request.id),
            // A code works once, and not after a parallel wrong guess used the last try.
            ConditionExpression: 'attempts = :seen',
            ExpressionAttributeValues: { ':seen': request.attempts },
          },
        });
      const outcome = await transactWrite(db, items);
      return outcome.ok ? 'registered' : 'stale';
    },
    listRegisteredBy: (helperId, limit) =>
      newestOnOwnerIndex<ConsentRecord>(db, consentsRecordedByPk(helperId), limit),
  };
}

/** A stored consent record without its keys and item type. */
export const consentOf = (item: Record<string, unknown>): ConsentRecord => recordOf<ConsentRecord>(item);

/** Standee rounds and their checks (implements core's RoundStore). */
export function roundStore(db: Db): RoundStore {
  const table = db.tableName;
  return {
    async putRound(round) {
      await db.doc.send(
        new PutCommand({
          TableName: table,
          Item: { ...roundKeys(round), type: 'StandeeRound', ...round },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    },
    async getRound(id) {
      const { Item } = await db.doc.send(
        new GetCommand({ TableName: table, Key: roundKey(id), ConsistentRead: true }),
      );
      return Item ? recordOf<StandeeRound>(Item) : undefined;
    },
    listRounds: (marketId, limit) => newestOnOwnerIndex<StandeeRound>(db, roundsOfMarketPk(marketId), limit),
    async putCheck(check) {
      // The round must still be open: a check written after it finished would change its figures.
      const outcome = await transactWrite(db, [
        {
          ConditionCheck: {
            TableName: table,
            Key: roundKey(check.roundId),
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(finishedAt)',
          },
        },
        {
          Put: {
            TableName: table,
            Item: { ...roundCheckKey(check.roundId, check.stallId), type: 'StandeeCheck', ...check },
          },
        },
      ]);
      if (!outcome.ok) throw new Error('round: closed while a check was written');
    },
    listChecks: (roundId) => recordsUnder<StandeeCheck>(db, roundChecksPrefix(roundId)),
    async finishRound(round, audit) {
      const outcome = await transactWrite(db, [
        {
          Update: {
            TableName: table,
            Key: roundKey(round.id),
            UpdateExpression: 'SET finishedAt = :at',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(finishedAt)',
            ExpressionAttributeValues: { ':at': round.finishedAt ?? '' },
          },
        },
        auditPut(db, audit),
      ]);
      return outcome.ok ? 'finished' : 'finished_already';
    },
  };
}
