import { createHash, randomBytes } from 'node:crypto';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type IdentityDirectory, isRole } from '@chophien/core';
import * as z from 'zod';

/**
 * The identity provider's side of a person (core's IdentityDirectory), decision 0800.
 * LOCAL: the development provider derives a person's id from their phone and reads roles from the table,
 * so there is nothing to create or mirror. AWS: Cognito's admin APIs, with the phone as the username.
 */

/** The id the development provider gives a phone: the same on every run, so a retried request finds it. */
export const devUserId = (phone: string): string =>
  `01PHONE${createHash('sha256').update(phone).digest('hex').slice(0, 19).toUpperCase()}`;

export const localIdentityDirectory = (): IdentityDirectory => ({
  ensureUser: async (phone) => devUserId(phone),
  syncRoles: async () => {},
  setEnabled: async () => {},
  forget: async () => {},
});

const nameOf = (error: unknown) => (error instanceof Error ? error.name : '');

/**
 * Cognito: an invited person is created confirmed (phone verified, a random password nobody knows and
 * passwordless sign-in by SMS code), without Cognito's own welcome message: the platform texts the
 * invitation. Groups mirror the table's roles so the ID token's `cognito:groups` agree with it.
 */
export function cognitoIdentityDirectory(
  userPoolId: string,
  given?: Pick<CognitoIdentityProviderClient, 'send'>,
): IdentityDirectory {
  // The Cognito SDK loads with the first admin call, not at the cold start of every console function
  // (it was the ~40 KB that put admin/create-stall over the bundle limit, decision 0320).
  let loaded:
    | Promise<{
        sdk: typeof import('@aws-sdk/client-cognito-identity-provider');
        client: Pick<CognitoIdentityProviderClient, 'send'>;
      }>
    | undefined;
  const cognito = () =>
    (loaded ??= import('@aws-sdk/client-cognito-identity-provider').then((sdk) => ({
      sdk,
      client: given ?? new sdk.CognitoIdentityProviderClient({}),
    })));
  const subOf = async (phone: string): Promise<string | undefined> => {
    const { sdk, client } = await cognito();
    try {
      const user = await client.send(
        new sdk.AdminGetUserCommand({ UserPoolId: userPoolId, Username: phone }),
      );
      return user.UserAttributes?.find((attribute) => attribute.Name === 'sub')?.Value;
    } catch (error) {
      if (nameOf(error) === 'UserNotFoundException') return undefined;
      throw error;
    }
  };
  return {
    async ensureUser(phone) {
      const { sdk, client } = await cognito();
      const known = await subOf(phone);
      if (known) return known;
      try {
        const created = await client.send(
          new sdk.AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: phone,
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'phone_number', Value: phone },
              { Name: 'phone_number_verified', Value: 'true' },
            ],
          }),
        );
        // FORCE_CHANGE_PASSWORD users cannot take the SMS-code sign-in: a permanent random password confirms them.
        await client.send(
          new sdk.AdminSetUserPasswordCommand({
            UserPoolId: userPoolId,
            Username: phone,
            Password: `${randomBytes(24).toString('base64url')}aA1!`,
            Permanent: true,
          }),
        );
        const sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value;
        if (sub) return sub;
      } catch (error) {
        if (nameOf(error) !== 'UsernameExistsException') throw error;
      }
      const raced = await subOf(phone);
      if (!raced) throw new Error('cognito: user created but not found');
      return raced;
    },
    async syncRoles(user, roles) {
      const { sdk, client } = await cognito();
      const listed = await client.send(
        new sdk.AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: user.phone, Limit: 60 }),
      );
      const current = (listed.Groups ?? []).map((group) => group.GroupName ?? '').filter(isRole);
      for (const role of roles.filter((role) => !current.includes(role))) {
        await client.send(
          new sdk.AdminAddUserToGroupCommand({
            UserPoolId: userPoolId,
            Username: user.phone,
            GroupName: role,
          }),
        );
      }
      for (const role of current.filter((role) => !roles.includes(role))) {
        await client.send(
          new sdk.AdminRemoveUserFromGroupCommand({
            UserPoolId: userPoolId,
            Username: user.phone,
            GroupName: role,
          }),
        );
      }
    },
    async setEnabled(user, enabled) {
      const { sdk, client } = await cognito();
      if (enabled) {
        await client.send(new sdk.AdminEnableUserCommand({ UserPoolId: userPoolId, Username: user.phone }));
        return;
      }
      await client.send(new sdk.AdminDisableUserCommand({ UserPoolId: userPoolId, Username: user.phone }));
      // Refresh tokens stop working at once; ID tokens already issued are refused by the table's status.
      await client.send(
        new sdk.AdminUserGlobalSignOutCommand({ UserPoolId: userPoolId, Username: user.phone }),
      );
    },
    async forget(user) {
      const { sdk, client } = await cognito();
      try {
        await client.send(new sdk.AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: user.phone }));
      } catch (error) {
        // Asked twice (a retried erasure): the user is gone already.
        if (nameOf(error) !== 'UserNotFoundException') throw error;
      }
    },
  };
}

const identityEnvSchema = z.object({
  CHOPHIEN_MODE: z.enum(['local', 'aws']).default('local'),
  USER_POOL_ID: z.string().min(1).optional(),
});

/** The directory for this runtime (routes that use it declare the `identityAdmin` capability). */
export function identityDirectoryFromEnv(env: NodeJS.ProcessEnv = process.env): IdentityDirectory {
  const config = identityEnvSchema.parse(env);
  if (config.CHOPHIEN_MODE === 'local') return localIdentityDirectory();
  if (!config.USER_POOL_ID) throw new Error('USER_POOL_ID must be set (route capability identityAdmin)');
  return cognitoIdentityDirectory(config.USER_POOL_ID);
}
