import {
  AdminAddUserToGroupCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { newBuyerProfile } from '@chophien/core';
import { createDb, type Db, userKeys } from '@chophien/db';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';

/**
 * Cognito post-confirmation trigger (not an HTTP route; wired on the user pool in
 * infra/aws/src/stacks/identity.ts). Someone who signed up with their phone on the storefront
 * becomes a buyer: the `buyer` group (their roles claim) and a profile item, the same profile the
 * local development identity provider writes (docs/decisions/0403-phone-sign-in.md).
 *
 * Cognito retries a trigger that fails or times out, so both writes are idempotent: adding a
 * member twice changes nothing, and the profile put only succeeds when no profile exists yet.
 */
export const BUYER_GROUP = 'buyer';

export interface PostConfirmationDeps {
  readonly cognito: CognitoIdentityProviderClient;
  readonly db: Db;
  readonly now: () => Date;
}

export async function makeBuyer(
  deps: PostConfirmationDeps,
  event: PostConfirmationTriggerEvent,
): Promise<void> {
  // ConfirmForgotPassword also fires this trigger; only a completed sign-up makes a buyer.
  if (event.triggerSource !== 'PostConfirmation_ConfirmSignUp') return;
  const { sub, phone_number: phone } = event.request.userAttributes;
  if (!sub || !phone) throw new Error('post-confirmation: the event has no sub or phone_number');

  await deps.cognito.send(
    new AdminAddUserToGroupCommand({
      UserPoolId: event.userPoolId,
      Username: event.userName,
      GroupName: BUYER_GROUP,
    }),
  );

  const profile = newBuyerProfile(sub, phone, deps.now());
  try {
    await deps.db.doc.send(
      new PutCommand({
        TableName: deps.db.tableName,
        Item: { ...userKeys(profile), ...profile, type: 'User' },
        // A retried trigger (or a profile an administrator made first) keeps what is there.
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    if (
      error instanceof ConditionalCheckFailedException ||
      (error as Error)?.name === 'ConditionalCheckFailedException'
    ) {
      return;
    }
    throw error;
  }
}

let deps: PostConfirmationDeps | undefined;

/** Cognito waits for the answer (the event, unchanged) before ConfirmSignUp returns. */
export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  deps ??= { cognito: new CognitoIdentityProviderClient({}), db: createDb(), now: () => new Date() };
  await makeBuyer(deps, event);
  return event;
};
