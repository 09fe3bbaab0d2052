import {
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CodeCheck, CodeRequest, IdentityAdapter, SignInFailure } from './identity.ts';

/**
 * Cognito passwordless sign-in (choice-based authentication): `InitiateAuth` with `USER_AUTH` and
 * `PREFERRED_CHALLENGE: SMS_OTP` makes Cognito text a code; `RespondToAuthChallenge` with
 * `SMS_OTP_CODE` and the challenge `Session` returns the tokens. Cognito counts tries and throttles
 * on its own. The app client has no secret (public client), so no SECRET_HASH and no IAM.
 *
 * An unknown number signs up in the same two steps (docs/decisions/0403-phone-sign-in.md):
 * `InitiateAuth` answers UserNotFoundException (the client does not hide it), so step 1 calls
 * `SignUp` without a password, which texts the confirmation code; step 2 calls `ConfirmSignUp` with
 * that code and signs in with the `Session` it returns (USER_AUTH + Session), so one code is typed.
 * The post-confirmation trigger (functions/identity/post-confirmation.ts) makes the person a buyer.
 */
export interface CognitoSettings {
  readonly clientId: string;
  readonly region?: string;
}

export function cognitoSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CognitoSettings {
  const clientId = env.COGNITO_CLIENT_ID;
  if (!clientId) throw new Error('COGNITO_CLIENT_ID must be set for sign-in on AWS');
  const region = env.COGNITO_REGION ?? env.AWS_REGION;
  return { clientId, ...(region ? { region } : {}) };
}

export function cognitoIdentity(
  settings: CognitoSettings = cognitoSettingsFromEnv(),
  client: CognitoIdentityProviderClient = new CognitoIdentityProviderClient(
    settings.region ? { region: settings.region } : {},
  ),
): IdentityAdapter {
  const ClientId = settings.clientId;

  /** An ordinary sign-in code for a confirmed user. */
  const startSignIn = async (phone: string): Promise<CodeRequest> => {
    const started = await client.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'USER_AUTH',
        AuthParameters: { USERNAME: phone, PREFERRED_CHALLENGE: 'SMS_OTP' },
      }),
    );
    if (started.ChallengeName !== 'SMS_OTP' || !started.Session) {
      // e.g. SELECT_CHALLENGE when SMS OTP is not allowed for this user: nothing was sent.
      console.error('[site] cognito sign-in: unexpected challenge', started.ChallengeName ?? 'none');
      return { ok: false, failure: 'unavailable' };
    }
    return { ok: true, pending: { phone, session: started.Session } };
  };

  /** A new number: a passwordless user, unconfirmed until the texted code comes back. */
  const signUp = async (phone: string): Promise<CodeRequest> => {
    try {
      const created = await client.send(
        new SignUpCommand({
          ClientId,
          Username: phone,
          UserAttributes: [{ Name: 'phone_number', Value: phone }],
        }),
      );
      return {
        ok: true,
        pending: { phone, signUp: true, ...(created.Session ? { session: created.Session } : {}) },
      };
    } catch (error) {
      // Signed up a moment ago (another tab, a retried post) but never confirmed: send that code again.
      if (nameOf(error) === 'UsernameExistsException') return resendConfirmation(phone);
      throw error;
    }
  };

  /** A number that signed up earlier but never typed its code: the same user, a new code. */
  const resendConfirmation = async (phone: string): Promise<CodeRequest> => {
    await client.send(new ResendConfirmationCodeCommand({ ClientId, Username: phone }));
    // No session comes with a resent code, so step 2 may need one more sign-in code (see signInAfterSignUp).
    return { ok: true, pending: { phone, signUp: true } };
  };

  /**
   * The first ID token should already carry `cognito:groups` (Cognito waits for the post-confirmation
   * trigger before ConfirmSignUp answers). If it does not, the token is refreshed once, which
   * re-reads the groups; a person without groups still gets signed in (and sees "wrong account").
   */
  const withGroups = async (result: AuthenticationResultType, idToken: string): Promise<string> => {
    if (groupsOf(idToken).length > 0 || !result.RefreshToken) return idToken;
    try {
      const refreshed = await client.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: result.RefreshToken },
        }),
      );
      const again = refreshed.AuthenticationResult?.IdToken;
      if (again && groupsOf(again).length > 0) return again;
      console.error('[site] cognito sign-up: still no group after refresh (post-confirmation trigger?)');
      return again ?? idToken;
    } catch (error) {
      console.error('[site] cognito sign-up: token refresh failed:', nameOf(error) || error);
      return idToken;
    }
  };

  /** After ConfirmSignUp: sign in with its session; failing that, fall back to one ordinary code. */
  const signInAfterSignUp = async (phone: string, session: string | undefined): Promise<CodeCheck> => {
    if (session) {
      try {
        const signedIn = await client.send(
          new InitiateAuthCommand({
            ClientId,
            AuthFlow: 'USER_AUTH',
            AuthParameters: { USERNAME: phone },
            Session: session,
          }),
        );
        const result = signedIn.AuthenticationResult;
        if (result?.IdToken)
          return {
            ok: true,
            idToken: await withGroups(result, result.IdToken),
            ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
          };
        console.error('[site] cognito sign-up: no tokens, challenge', signedIn.ChallengeName ?? 'none');
      } catch (error) {
        console.error('[site] cognito sign-up: sign-in with the confirmation session failed:', nameOf(error));
      }
    }
    // The account exists and is confirmed: the person is a buyer now, one sign-in code away.
    try {
      const requested = await startSignIn(phone);
      return requested.ok
        ? { ok: false, failure: 'signed_up_new_code', pending: requested.pending }
        : { ok: false, failure: requested.failure };
    } catch (error) {
      return { ok: false, failure: failureOf(error, 'request') };
    }
  };

  const confirmSignUp = async (
    pending: { phone: string; session?: string },
    code: string,
  ): Promise<CodeCheck> => {
    let confirmed: { Session?: string | undefined };
    try {
      confirmed = await client.send(
        new ConfirmSignUpCommand({
          ClientId,
          Username: pending.phone,
          ConfirmationCode: code,
          ...(pending.session ? { Session: pending.session } : {}),
        }),
      );
    } catch (error) {
      const failure = failureOf(error, 'verify');
      return failure === 'wrong_code'
        ? { ok: false, failure, pending: { ...pending, signUp: true } }
        : { ok: false, failure };
    }
    return signInAfterSignUp(pending.phone, confirmed.Session);
  };

  return {
    showsCode: false,
    async refresh(refreshToken) {
      try {
        const refreshed = await client.send(
          new InitiateAuthCommand({
            ClientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
        return refreshed.AuthenticationResult?.IdToken;
      } catch (error) {
        // Revoked (sign-out everywhere, a deactivated account) or expired: sign in again.
        console.error('[site] cognito refresh failed:', nameOf(error) || error);
        return undefined;
      }
    },
    async requestCode(phone) {
      try {
        return await startSignIn(phone);
      } catch (error) {
        try {
          switch (nameOf(error)) {
            case 'UserNotFoundException':
              return await signUp(phone);
            case 'UserNotConfirmedException':
              return await resendConfirmation(phone);
          }
        } catch (signUpError) {
          return { ok: false, failure: failureOf(signUpError, 'request') };
        }
        return { ok: false, failure: failureOf(error, 'request') };
      }
    },
    async verifyCode(pending, code) {
      if (pending.signUp) return confirmSignUp(pending, code);
      if (!pending.session) return { ok: false, failure: 'no_code' };
      try {
        const answered = await client.send(
          new RespondToAuthChallengeCommand({
            ClientId,
            ChallengeName: 'SMS_OTP',
            Session: pending.session,
            ChallengeResponses: { USERNAME: pending.phone, SMS_OTP_CODE: code },
          }),
        );
        const idToken = answered.AuthenticationResult?.IdToken;
        const refreshToken = answered.AuthenticationResult?.RefreshToken;
        if (idToken) return { ok: true, idToken, ...(refreshToken ? { refreshToken } : {}) };
        // Cognito may answer a wrong code with the same challenge and a fresh session.
        if (answered.ChallengeName === 'SMS_OTP' && answered.Session) {
          return { ok: false, failure: 'wrong_code', pending: { ...pending, session: answered.Session } };
        }
        console.error('[site] cognito sign-in: no tokens, challenge', answered.ChallengeName ?? 'none');
        return { ok: false, failure: 'unavailable' };
      } catch (error) {
        const failure = failureOf(error, 'verify');
        return failure === 'wrong_code' ? { ok: false, failure, pending } : { ok: false, failure };
      }
    },
  };
}

const nameOf = (error: unknown): string => (error instanceof Error ? error.name : '');

/** The `cognito:groups` claim, read without verifying: only to decide whether to refresh once. */
export function groupsOf(jwt: string): readonly string[] {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const groups = payload?.['cognito:groups'];
    return Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [];
  } catch {
    return [];
  }
}

function failureOf(error: unknown, step: 'request' | 'verify'): SignInFailure {
  const name = nameOf(error);
  switch (name) {
    case 'CodeMismatchException':
      return 'wrong_code';
    case 'ExpiredCodeException':
      return 'expired';
    // After the allowed tries, or when the 3-minute session has lapsed, Cognito answers NotAuthorized.
    // ConfirmSignUp says the same for a user already confirmed (a retried post): a new code signs in.
    case 'NotAuthorizedException':
      return step === 'verify' ? 'expired' : 'unavailable';
    // ConfirmSignUp: another account confirmed this number meanwhile; asking again signs in to that one.
    case 'AliasExistsException':
      return 'expired';
    case 'TooManyFailedAttemptsException':
      return 'too_many_tries';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'CodeDeliveryFailureException':
      return 'rate_limited';
    case 'InvalidParameterException':
      return step === 'request' ? 'invalid_phone' : 'wrong_code';
    // Step 2: the unconfirmed user was removed meanwhile; asking again signs up afresh.
    case 'UserNotFoundException':
      return step === 'verify' ? 'expired' : 'unknown_phone';
    default:
      console.error('[site] cognito sign-in failed:', name || error);
      return 'unavailable';
  }
}
