import {
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ExpiredCodeException,
  InitiateAuthCommand,
  NotAuthorizedException,
  RespondToAuthChallengeCommand,
  TooManyFailedAttemptsException,
  TooManyRequestsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cognitoIdentity, cognitoSettingsFromEnv } from '../../../site/src/features/auth/cognito-identity.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const PHONE = '+84987000011';
const settings = { clientId: 'client-123', region: 'ap-southeast-1' };
const adapter = () =>
  cognitoIdentity(settings, new CognitoIdentityProviderClient({ region: settings.region }));
const meta = { $metadata: {} };

beforeEach(() => {
  cognito.reset();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('Cognito passwordless SMS sign-in adapter', () => {
  it('starts USER_AUTH with SMS_OTP preferred and keeps the challenge session', async () => {
    cognito
      .on(InitiateAuthCommand)
      .resolves({ ChallengeName: 'SMS_OTP', Session: 'sess-1', ChallengeParameters: {} });
    const result = await adapter().requestCode(PHONE);
    expect(result).toEqual({ ok: true, pending: { phone: PHONE, session: 'sess-1' } });
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      ClientId: 'client-123',
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: PHONE, PREFERRED_CHALLENGE: 'SMS_OTP' },
    });
  });

  it('answers the SMS_OTP challenge with the code and the session, and returns the ID token', async () => {
    cognito.on(RespondToAuthChallengeCommand).resolves({
      AuthenticationResult: { IdToken: 'id.token.jwt', AccessToken: 'a', RefreshToken: 'r' },
    });
    const result = await adapter().verifyCode({ phone: PHONE, session: 'sess-1' }, '123456');
    expect(result).toEqual({ ok: true, idToken: 'id.token.jwt', refreshToken: 'r' });
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)[0]!.args[0].input).toEqual({
      ClientId: 'client-123',
      ChallengeName: 'SMS_OTP',
      Session: 'sess-1',
      ChallengeResponses: { USERNAME: PHONE, SMS_OTP_CODE: '123456' },
    });
  });

  it('does not claim a code was sent when Cognito offers another challenge', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SELECT_CHALLENGE', Session: 's' });
    await expect(adapter().requestCode(PHONE)).resolves.toEqual({ ok: false, failure: 'unavailable' });
  });

  it('maps throttling on the request to rate_limited', async () => {
    cognito.on(InitiateAuthCommand).rejects(new TooManyRequestsException({ message: 'slow down', ...meta }));
    await expect(adapter().requestCode(PHONE)).resolves.toEqual({ ok: false, failure: 'rate_limited' });
  });

  it('a wrong code keeps the session for another try', async () => {
    cognito
      .on(RespondToAuthChallengeCommand)
      .rejects(new CodeMismatchException({ message: 'mismatch', ...meta }));
    const pending = { phone: PHONE, session: 'sess-1' };
    await expect(adapter().verifyCode(pending, '000000')).resolves.toEqual({
      ok: false,
      failure: 'wrong_code',
      pending,
    });
  });

  it('a wrong code answered with a fresh session carries the new session on', async () => {
    cognito.on(RespondToAuthChallengeCommand).resolves({ ChallengeName: 'SMS_OTP', Session: 'sess-2' });
    await expect(adapter().verifyCode({ phone: PHONE, session: 'sess-1' }, '000000')).resolves.toEqual({
      ok: false,
      failure: 'wrong_code',
      pending: { phone: PHONE, session: 'sess-2' },
    });
  });

  it.each([
    [new ExpiredCodeException({ message: 'expired', ...meta }), 'expired'],
    [new NotAuthorizedException({ message: 'Invalid session for the user.', ...meta }), 'expired'],
    [new TooManyFailedAttemptsException({ message: 'too many', ...meta }), 'too_many_tries'],
    [new Error('socket hang up'), 'unavailable'],
  ])('ends the attempt on %s → %s (a new code is needed)', async (error, failure) => {
    cognito.on(RespondToAuthChallengeCommand).rejects(error);
    await expect(adapter().verifyCode({ phone: PHONE, session: 'sess-1' }, '123456')).resolves.toEqual({
      ok: false,
      failure,
    });
  });

  it('without a session there is nothing to answer', async () => {
    await expect(adapter().verifyCode({ phone: PHONE }, '123456')).resolves.toEqual({
      ok: false,
      failure: 'no_code',
    });
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(0);
  });

  it('reads the client id and region from the environment and refuses to run without a client id', () => {
    expect(cognitoSettingsFromEnv({ COGNITO_CLIENT_ID: 'c', COGNITO_REGION: 'ap-southeast-1' })).toEqual({
      clientId: 'c',
      region: 'ap-southeast-1',
    });
    expect(cognitoSettingsFromEnv({ COGNITO_CLIENT_ID: 'c', AWS_REGION: 'us-east-1' }).region).toBe(
      'us-east-1',
    );
    expect(() => cognitoSettingsFromEnv({})).toThrow(/COGNITO_CLIENT_ID/);
  });
});

describe('Cognito session refresh (offline)', () => {
  it('trades the refresh token for a new ID token, and reports a revoked one as no token', async () => {
    const cognito = mockClient(CognitoIdentityProviderClient);
    cognito
      .on(InitiateAuthCommand, { AuthFlow: 'REFRESH_TOKEN_AUTH' })
      .resolvesOnce({ AuthenticationResult: { IdToken: 'fresh.id.token' } })
      .rejectsOnce(
        Object.assign(new Error('Refresh Token has been revoked'), { name: 'NotAuthorizedException' }),
      );
    const adapter = cognitoIdentity({ clientId: 'client-123', region: 'ap-southeast-1' });
    await expect(adapter.refresh?.('refresh-1')).resolves.toBe('fresh.id.token');
    await expect(adapter.refresh?.('refresh-1')).resolves.toBeUndefined();
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      ClientId: 'client-123',
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'refresh-1' },
    });
    cognito.restore();
  });
});
