import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { cognitoIdentityDirectory, devUserId } from '../shared/identity-directory.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
afterEach(() => cognito.reset());
const directory = () =>
  cognitoIdentityDirectory('pool-1', new CognitoIdentityProviderClient({ region: 'ap-southeast-1' }));
const notFound = Object.assign(new Error('User does not exist.'), { name: 'UserNotFoundException' });

describe('the identity directory on Cognito (offline)', () => {
  it('creates an invited person confirmed, without Cognito’s own message, and returns their sub', async () => {
    cognito.on(AdminGetUserCommand).rejects(notFound);
    cognito.on(AdminCreateUserCommand).resolves({ User: { Attributes: [{ Name: 'sub', Value: 'sub-1' }] } });
    cognito.on(AdminSetUserPasswordCommand).resolves({});
    await expect(directory().ensureUser('+84912345678')).resolves.toBe('sub-1');
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]!.args[0].input).toMatchObject({
      UserPoolId: 'pool-1',
      Username: '+84912345678',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'phone_number', Value: '+84912345678' },
        { Name: 'phone_number_verified', Value: 'true' },
      ],
    });
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)[0]!.args[0].input).toMatchObject({
      Permanent: true,
    });
  });

  it('finds a person who already exists instead of creating them', async () => {
    cognito.on(AdminGetUserCommand).resolves({ UserAttributes: [{ Name: 'sub', Value: 'sub-2' }] });
    await expect(directory().ensureUser('+84912345679')).resolves.toBe('sub-2');
    expect(cognito.commandCalls(AdminCreateUserCommand)).toHaveLength(0);
  });

  it('mirrors roles as groups: adds the missing, removes the revoked, leaves other groups alone', async () => {
    cognito.on(AdminListGroupsForUserCommand).resolves({
      Groups: [{ GroupName: 'buyer' }, { GroupName: 'market_manager' }, { GroupName: 'ops-team' }],
    });
    await directory().syncRoles({ id: 'sub-1', phone: '+84912345678' }, ['buyer', 'vendor']);
    expect(cognito.commandCalls(AdminAddUserToGroupCommand).map((c) => c.args[0].input.GroupName)).toEqual([
      'vendor',
    ]);
    expect(
      cognito.commandCalls(AdminRemoveUserFromGroupCommand).map((c) => c.args[0].input.GroupName),
    ).toEqual(['market_manager']);
  });

  it('deactivating disables the user and signs them out everywhere', async () => {
    cognito.on(AdminDisableUserCommand).resolves({});
    cognito.on(AdminUserGlobalSignOutCommand).resolves({});
    await directory().setEnabled({ id: 'sub-1', phone: '+84912345678' }, false);
    expect(cognito.commandCalls(AdminDisableUserCommand)).toHaveLength(1);
    expect(cognito.commandCalls(AdminUserGlobalSignOutCommand)).toHaveLength(1);
  });

  it('locally a phone always gives the same id (the dev provider’s)', () => {
    expect(devUserId('+84912345678')).toBe(devUserId('+84912345678'));
    expect(devUserId('+84912345678')).not.toBe(devUserId('+84912345679'));
  });
});
