/**
 * The Cognito adapter's sign-up path: an unknown number becomes a user in the same two steps as a
 * sign-in (SignUp texts the code; ConfirmSignUp + USER_AUTH with its Session sign in), one code typed.
 */
import {
  AliasExistsException,
  CodeMismatchException,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  ExpiredCodeException,
  InitiateAuthCommand,
  NotAuthorizedException,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
  TooManyFailedAttemptsException,
  UserNotConfirmedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cognitoIdentity, groupsOf } from '../../../site/src/features/auth/cognito-identity.ts';
import type { PendingSignIn } from '../../../site/src/features/auth/identity.ts';
import { authText, failureText } from '../../../site/src/features/auth/text.ts';

const cognito = mockClient(CognitoIdentityProviderClient);
const PHONE = '+84987000099';
const settings = { clientId: 'client-123', region: 'ap-southeast-1' };
const adapter = () =>
  cognitoIdentity(settings, new CognitoIdentityProviderClient({ region: settings.region }));
const meta = { $metadata: {} };

/** An unsigned JWT-shaped string: the adapter only reads the claims, the site verifies the cookie. */
const jwt = (claims: object) =>
  `e30.${Buffer.from(JSON.stringify({ sub: 'u-1', ...claims })).toString('base64url')}.sig`;
const buyerToken = jwt({ 'cognito:groups': ['buyer'] });
const groupless = jwt({});

const signingUp: PendingSignIn = { phone: PHONE, signUp: true, session: 'signup-sess' };

beforeEach(() => {
  cognito.reset();
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('Cognito adapter, step 1 for a number Cognito does not know', () => {
  it('signs the number up without a password (phone_number attribute) and keeps the sign-up session', async () => {
    cognito.on(InitiateAuthCommand).rejects(new UserNotFoundException({ message: 'no user', ...meta }));
    cognito.on(SignUpCommand).resolves({ UserConfirmed: false, UserSub: 'u-1', Session: 'signup-sess' });

    await expect(adapter().requestCode(PHONE)).resolves.toEqual({ ok: true, pending: signingUp });
    const input = cognito.commandCalls(SignUpCommand)[0]!.args[0].input;
    expect(input).toEqual({
      ClientId: 'client-123',
      Username: PHONE,
      UserAttributes: [{ Name: 'phone_number', Value: PHONE }],
    });
    expect(input).not.toHaveProperty('Password');
  });

  it('a known number is not signed up', async () => {
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SMS_OTP', Session: 'sess-1' });
    await expect(adapter().requestCode(PHONE)).resolves.toEqual({
      ok: true,
      pending: { phone: PHONE, session: 'sess-1' },
    });
    expect(cognito.commandCalls(SignUpCommand)).toHaveLength(0);
  });

  it('a number that signed up but never confirmed gets its confirmation code again', async () => {
    cognito
      .on(InitiateAuthCommand)
      .rejects(new UserNotConfirmedException({ message: 'not confirmed', ...meta }));
    cognito.on(ResendConfirmationCodeCommand).resolves({});

    await expect(adapter().requestCode(PHONE)).resolves.toEqual({
      ok: true,
      pending: { phone: PHONE, signUp: true },
    });
    expect(cognito.commandCalls(ResendConfirmationCodeCommand)[0]!.args[0].input).toEqual({
      ClientId: 'client-123',
      Username: PHONE,
    });
    expect(cognito.commandCalls(SignUpCommand)).toHaveLength(0);
  });

  it('a sign-up that races another (UsernameExists) resends the code instead of failing', async () => {
    cognito.on(InitiateAuthCommand).rejects(new UserNotFoundException({ message: 'no user', ...meta }));
    cognito.on(SignUpCommand).rejects(new UsernameExistsException({ message: 'exists', ...meta }));
    cognito.on(ResendConfirmationCodeCommand).resolves({});
    await expect(adapter().requestCode(PHONE)).resolves.toEqual({
      ok: true,
      pending: { phone: PHONE, signUp: true },
    });
  });

  it('a refused sign-up is reported, not thrown', async () => {
    cognito.on(InitiateAuthCommand).rejects(new UserNotFoundException({ message: 'no user', ...meta }));
    cognito
      .on(SignUpCommand)
      .rejects(new NotAuthorizedException({ message: 'SignUp is not permitted', ...meta }));
    await expect(adapter().requestCode(PHONE)).resolves.toEqual({ ok: false, failure: 'unavailable' });
  });
});

describe('Cognito adapter, step 2 of a sign-up: one code confirms and signs in', () => {
  it('ConfirmSignUp with the code and the sign-up session, then USER_AUTH with the session it returns', async () => {
    cognito.on(ConfirmSignUpCommand).resolves({ Session: 'confirmed-sess' });
    cognito
      .on(InitiateAuthCommand)
      .resolves({ AuthenticationResult: { IdToken: buyerToken, RefreshToken: 'r', AccessToken: 'a' } });

    await expect(adapter().verifyCode(signingUp, '123456')).resolves.toEqual({
      ok: true,
      idToken: buyerToken,
      // Kept in an httpOnly cookie so the session outlives the 1-hour ID token.
      refreshToken: 'r',
    });
    expect(cognito.commandCalls(ConfirmSignUpCommand)[0]!.args[0].input).toEqual({
      ClientId: 'client-123',
      Username: PHONE,
      ConfirmationCode: '123456',
      Session: 'signup-sess',
    });
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input).toEqual({
      ClientId: 'client-123',
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: PHONE },
      Session: 'confirmed-sess',
    });
    expect(cognito.commandCalls(InitiateAuthCommand)).toHaveLength(1);
    expect(cognito.commandCalls(RespondToAuthChallengeCommand)).toHaveLength(0);
  });

  it('a first token without the buyer group is refreshed once, so the cookie carries the role', async () => {
    cognito.on(ConfirmSignUpCommand).resolves({ Session: 'confirmed-sess' });
    cognito
      .on(InitiateAuthCommand, { AuthFlow: 'USER_AUTH' })
      .resolves({ AuthenticationResult: { IdToken: groupless, RefreshToken: 'refresh-1' } })
      .on(InitiateAuthCommand, { AuthFlow: 'REFRESH_TOKEN_AUTH' })
      .resolves({ AuthenticationResult: { IdToken: buyerToken } });

    await expect(adapter().verifyCode(signingUp, '123456')).resolves.toEqual({
      ok: true,
      idToken: buyerToken,
      refreshToken: 'refresh-1',
    });
    const refresh = cognito.commandCalls(InitiateAuthCommand)[1]!.args[0].input;
    expect(refresh).toEqual({
      ClientId: 'client-123',
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'refresh-1' },
    });
  });

  it('still signs the person in when the refresh fails (the token just has no role yet)', async () => {
    cognito.on(ConfirmSignUpCommand).resolves({ Session: 'confirmed-sess' });
    cognito
      .on(InitiateAuthCommand, { AuthFlow: 'USER_AUTH' })
      .resolves({ AuthenticationResult: { IdToken: groupless, RefreshToken: 'refresh-1' } })
      .on(InitiateAuthCommand, { AuthFlow: 'REFRESH_TOKEN_AUTH' })
      .rejects(new Error('socket hang up'));
    await expect(adapter().verifyCode(signingUp, '123456')).resolves.toEqual({
      ok: true,
      idToken: groupless,
      refreshToken: 'refresh-1',
    });
  });

  it('a wrong code keeps the sign-up going and reads exactly like a wrong sign-in code (vi and en)', async () => {
    cognito.on(ConfirmSignUpCommand).rejects(new CodeMismatchException({ message: 'mismatch', ...meta }));
    const signUpCheck = await adapter().verifyCode(signingUp, '000000');
    expect(signUpCheck).toEqual({ ok: false, failure: 'wrong_code', pending: signingUp });
    expect(cognito.commandCalls(InitiateAuthCommand)).toHaveLength(0);

    cognito
      .on(RespondToAuthChallengeCommand)
      .rejects(new CodeMismatchException({ message: 'mismatch', ...meta }));
    const signInCheck = await adapter().verifyCode({ phone: PHONE, session: 'sess-1' }, '000000');
    expect(signInCheck.ok).toBe(false);
    for (const lang of ['vi', 'en'] as const) {
      const tx = authText(lang);
      if (signUpCheck.ok || signInCheck.ok) throw new Error('unreachable');
      expect(failureText(tx, signUpCheck.failure)).toBe(failureText(tx, signInCheck.failure));
    }
    expect(failureText(authText('vi'), 'wrong_code')).toBe('Mã xác nhận không đúng.');
  });

  it.each([
    [new ExpiredCodeException({ message: 'expired', ...meta }), 'expired'],
    [new NotAuthorizedException({ message: 'Current status is CONFIRMED', ...meta }), 'expired'],
    [new AliasExistsException({ message: 'alias exists', ...meta }), 'expired'],
    [new TooManyFailedAttemptsException({ message: 'too many', ...meta }), 'too_many_tries'],
  ])('ConfirmSignUp %s ends the attempt with %s (a new code is needed)', async (error, failure) => {
    cognito.on(ConfirmSignUpCommand).rejects(error);
    await expect(adapter().verifyCode(signingUp, '123456')).resolves.toEqual({ ok: false, failure });
    expect(cognito.commandCalls(InitiateAuthCommand)).toHaveLength(0);
  });

  it('confirmed without a session (a resent code): one ordinary sign-in code is sent, and said so', async () => {
    cognito.on(ConfirmSignUpCommand).resolves({});
    cognito.on(InitiateAuthCommand).resolves({ ChallengeName: 'SMS_OTP', Session: 'sess-2' });

    await expect(adapter().verifyCode({ phone: PHONE, signUp: true }, '123456')).resolves.toEqual({
      ok: false,
      failure: 'signed_up_new_code',
      pending: { phone: PHONE, session: 'sess-2' },
    });
    expect(cognito.commandCalls(ConfirmSignUpCommand)[0]!.args[0].input).not.toHaveProperty('Session');
    expect(cognito.commandCalls(InitiateAuthCommand)[0]!.args[0].input.AuthParameters).toEqual({
      USERNAME: PHONE,
      PREFERRED_CHALLENGE: 'SMS_OTP',
    });
  });

  it('an expired confirmation session falls back to one ordinary sign-in code', async () => {
    cognito.on(ConfirmSignUpCommand).resolves({ Session: 'confirmed-sess' });
    cognito
      .on(InitiateAuthCommand, { AuthFlow: 'USER_AUTH', Session: 'confirmed-sess' })
      .rejects(new NotAuthorizedException({ message: 'Invalid session', ...meta }))
      .on(InitiateAuthCommand, { AuthParameters: { USERNAME: PHONE, PREFERRED_CHALLENGE: 'SMS_OTP' } })
      .resolves({ ChallengeName: 'SMS_OTP', Session: 'sess-3' });
    await expect(adapter().verifyCode(signingUp, '123456')).resolves.toEqual({
      ok: false,
      failure: 'signed_up_new_code',
      pending: { phone: PHONE, session: 'sess-3' },
    });
  });

  it('the new-code message exists in both languages', () => {
    expect(authText('vi').signed_up_new_code).toMatch(/mã mới/);
    expect(authText('en').signed_up_new_code).toMatch(/new code/);
  });
});

describe('groupsOf', () => {
  it('reads cognito:groups and tolerates anything else', () => {
    expect(groupsOf(buyerToken)).toEqual(['buyer']);
    expect(groupsOf(groupless)).toEqual([]);
    expect(groupsOf('not-a-jwt')).toEqual([]);
  });
});

describe('the step cookie carries the sign-up between the two posts', () => {
  it('keeps phone, session and the sign-up mark; a forged non-boolean mark is dropped', async () => {
    const { readPendingSignIn, setPendingSignIn, PENDING_COOKIE } = await import(
      '../../../site/src/features/auth/session.ts'
    );
    const jar = new Map<string, { value: string; options: unknown }>();
    // The two AstroCookies methods the helpers use.
    const cookies = {
      set: (name: string, value: string, options: unknown) => jar.set(name, { value, options }),
      get: (name: string) => (jar.has(name) ? { value: jar.get(name)!.value } : undefined),
    } as unknown as Parameters<typeof readPendingSignIn>[0];

    setPendingSignIn(cookies, signingUp, new URL('https://chophien.vn/dang-nhap'));
    expect(jar.get(PENDING_COOKIE)!.options).toMatchObject({ httpOnly: true, secure: true, maxAge: 300 });
    expect(readPendingSignIn(cookies)).toEqual(signingUp);

    const forged = Buffer.from(JSON.stringify({ phone: PHONE, signUp: 'yes' })).toString('base64url');
    jar.set(PENDING_COOKIE, { value: forged, options: {} });
    expect(readPendingSignIn(cookies)).toEqual({ phone: PHONE });
  });
});
