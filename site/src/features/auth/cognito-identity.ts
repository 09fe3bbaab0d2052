import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { IdentityAdapter, SignInFailure } from './identity.ts';

/**
 * Cognito passwordless sign-in (choice-based authentication): `InitiateAuth` with `USER_AUTH` and
 * `PREFERRED_CHALLENGE: SMS_OTP` makes Cognito text a code; `RespondToAuthChallenge` with
 * `SMS_OTP_CODE` and the challenge `Session` returns the tokens. Cognito counts tries and throttles
 * on its own. The app client has no secret (public client), so no SECRET_HASH and no IAM.
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
  return {
    showsCode: false,
    async requestCode(phone) {
      try {
        const started = await client.send(
          new InitiateAuthCommand({
            ClientId: settings.clientId,
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
      } catch (error) {
        return { ok: false, failure: failureOf(error, 'request') };
      }
    },
    async verifyCode(pending, code) {
      if (!pending.session) return { ok: false, failure: 'no_code' };
      try {
        const answered = await client.send(
          new RespondToAuthChallengeCommand({
            ClientId: settings.clientId,
            ChallengeName: 'SMS_OTP',
            Session: pending.session,
            ChallengeResponses: { USERNAME: pending.phone, SMS_OTP_CODE: code },
          }),
        );
        const idToken = answered.AuthenticationResult?.IdToken;
        if (idToken) return { ok: true, idToken };
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

function failureOf(error: unknown, step: 'request' | 'verify'): SignInFailure {
  const name = error instanceof Error ? error.name : '';
  switch (name) {
    case 'CodeMismatchException':
      return 'wrong_code';
    case 'ExpiredCodeException':
      return 'expired';
    // After the allowed tries, or when the 3-minute session has lapsed, Cognito answers NotAuthorized.
    case 'NotAuthorizedException':
      return step === 'verify' ? 'expired' : 'unavailable';
    case 'TooManyFailedAttemptsException':
      return 'too_many_tries';
    case 'TooManyRequestsException':
    case 'LimitExceededException':
    case 'CodeDeliveryFailureException':
      return 'rate_limited';
    case 'InvalidParameterException':
      return step === 'request' ? 'invalid_phone' : 'wrong_code';
    // preventUserExistenceErrors normally hides this; shown as "no account" rather than a crash.
    case 'UserNotFoundException':
      return 'unknown_phone';
    default:
      console.error('[site] cognito sign-in failed:', name || error);
      return 'unavailable';
  }
}
