import { cognitoIdentity } from './cognito-identity.ts';
import { localIdentity } from './local-identity.ts';

/**
 * The identity port the sign-in page talks to: ask for a one-time code, then trade it for an ID token.
 * LOCAL mode: the development identity provider over HTTP (`/dev/otp`, `/dev/otp/verify`).
 * AWS mode: Cognito passwordless SMS OTP (USER_AUTH → SMS_OTP challenge); an unknown number is
 * signed up (SignUp → ConfirmSignUp → USER_AUTH with the confirmation's session), still one code.
 */
export type SignInFailure =
  | 'invalid_phone'
  | 'unknown_phone'
  | 'wrong_code'
  | 'expired'
  | 'too_many_tries'
  | 'no_code'
  | 'rate_limited'
  | 'unavailable'
  /** AWS sign-up: the account was confirmed but a fresh sign-in code had to be sent (rare, see 0403). */
  | 'signed_up_new_code';

/** What the page keeps between the two steps (in a short-lived httpOnly cookie). */
export interface PendingSignIn {
  readonly phone: string;
  /** Cognito's challenge session (or, when signing up, SignUp's session); the dev provider needs none. */
  readonly session?: string;
  /** AWS: the code is Cognito's sign-up confirmation code (a new number), not a sign-in code. */
  readonly signUp?: true;
}

export type CodeRequest =
  | { readonly ok: true; readonly pending: PendingSignIn; readonly devCode?: string }
  | { readonly ok: false; readonly failure: SignInFailure };

export type CodeCheck =
  | {
      readonly ok: true;
      readonly idToken: string;
      /** Cognito's refresh token (30 days): kept so the session outlives the 1-hour ID token. */
      readonly refreshToken?: string;
    }
  | {
      readonly ok: false;
      readonly failure: SignInFailure;
      readonly triesLeft?: number;
      /** Still usable for another try (wrong code); undefined means "ask for a new code". */
      readonly pending?: PendingSignIn;
    };

export interface IdentityAdapter {
  /** True when the code is shown on the page (dev provider) rather than sent by SMS. */
  readonly showsCode: boolean;
  requestCode(phone: string): Promise<CodeRequest>;
  verifyCode(pending: PendingSignIn, code: string): Promise<CodeCheck>;
  /** A fresh ID token from a refresh token (Cognito), or undefined when it no longer works. */
  refresh?(refreshToken: string): Promise<string | undefined>;
}

let adapter: IdentityAdapter | undefined;

/** Chosen once per process from CHOPHIEN_MODE, like every other adapter of the platform. */
export function identityAdapter(): IdentityAdapter {
  adapter ??= process.env.CHOPHIEN_MODE === 'aws' ? cognitoIdentity() : localIdentity();
  return adapter;
}
